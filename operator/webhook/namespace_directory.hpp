// NamespaceDirectory: the annotations of the Namespaces injection may read, kept current. Cluster-wide
// (WATCH_NAMESPACE empty) it list-watches Namespaces; namespace-scoped it periodically GETs each watched
// Namespace — a Role in a namespace can grant `get` on that namespace, but not list/watch. Listeners hear about
// namespaces whose inject annotation changed.
#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "operator/kube/informer.hpp"
#include "operator/kube/rest_client.hpp"
#include "operator/kube/stop_signal.hpp"
#include "operator/webhook/object_fields.hpp"

namespace peregrine::operator_webhook {

class NamespaceDirectory {
 public:
  NamespaceDirectory(std::shared_ptr<const kube::RestClient> client, std::vector<std::string> watch_namespaces,
                     std::chrono::milliseconds poll_period = std::chrono::seconds(30));
  ~NamespaceDirectory();
  NamespaceDirectory(const NamespaceDirectory&) = delete;
  NamespaceDirectory& operator=(const NamespaceDirectory&) = delete;

  // Register before start(): called with a namespace whose inject annotation appeared, changed or went away.
  void add_listener(std::function<void(const std::string& ns)> listener);
  void start();
  void stop();
  bool wait_for_sync(std::chrono::milliseconds timeout) const;
  bool has_synced() const;

  bool watches(const std::string& ns) const;
  // nullopt when the Namespace is unknown or could not be read.
  std::optional<StringMap> annotations(const std::string& ns) const;

 private:
  void poll_loop();
  void poll_once();
  void notify_if_changed(const std::string& ns, const std::optional<StringMap>& before,
                         const std::optional<StringMap>& after);

  std::shared_ptr<const kube::RestClient> client_;
  std::vector<std::string> watch_namespaces_;
  std::chrono::milliseconds poll_period_;
  std::vector<std::function<void(const std::string&)>> listeners_;
  std::unique_ptr<kube::Informer> informer_;  // cluster-wide mode
  mutable std::mutex mutex_;                  // namespace-scoped mode: the polled annotations
  std::map<std::string, std::optional<StringMap>> polled_;
  bool polled_once_ = false;
  mutable std::condition_variable polled_cv_;
  kube::StopSignal stop_;
  std::thread poller_;
};

}  // namespace peregrine::operator_webhook
