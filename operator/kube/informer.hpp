// Informer: list + watch of one resource (across all namespaces, or one list+watch per namespace of a
// WATCH_NAMESPACE list) into an ObjectCache, with add/update/delete handlers. Watches resume from the last
// resourceVersion (bookmarks advance it); a 410 Gone, an ERROR event or a failed watch request triggers a full
// relist that converges the cache (missing objects are reported deleted); connection failures reconnect with
// exponential back-off. Optional periodic resync re-delivers every cached object as an update.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "operator/kube/backoff.hpp"
#include "operator/kube/group_version_resource.hpp"
#include "operator/kube/object_cache.hpp"
#include "operator/kube/rest_client.hpp"
#include "operator/kube/stop_signal.hpp"

namespace peregrine::kube {

struct InformerOptions {
  GroupVersionResource gvr;
  std::vector<std::string> namespaces;  // empty = all namespaces (and cluster-scoped resources)
  std::string label_selector;
  std::string field_selector;
  int64_t page_size = 500;                    // list paging (limit/continue)
  std::chrono::milliseconds resync_period{0};  // 0 = no resync
  BackoffPolicy backoff{std::chrono::milliseconds(200), std::chrono::milliseconds(30000), 2.0, 0.1};
  int watch_timeout_seconds = 300;  // server-side watch timeout; each watch uses a random value in [t, 2t)
  std::string name;                 // for logs; defaults to the group/resource
};

// Handlers run on the informer's threads, one at a time (serialized across namespaces); keep them short
// (typically: enqueue a key). Deletes found by a relist carry the last known object.
struct InformerHandlers {
  std::function<void(const ObjectPtr&)> on_add;
  std::function<void(const ObjectPtr& old_object, const ObjectPtr& new_object)> on_update;
  std::function<void(const ObjectPtr&)> on_delete;
};

struct InformerStats {
  uint64_t lists = 0;          // completed full lists (initial + relists)
  uint64_t watches = 0;        // watch requests started
  uint64_t gone_relists = 0;   // relists caused by 410 Gone / Expired
  uint64_t watch_errors = 0;   // ERROR events, failed watch requests, broken connections
  uint64_t events = 0;         // ADDED/MODIFIED/DELETED events applied
  uint64_t bookmarks = 0;
};

class Informer {
 public:
  // Declares list+watch of options.gvr in DeclaredApiCalls::global().
  Informer(std::shared_ptr<const RestClient> client, InformerOptions options);
  ~Informer();  // stop()
  Informer(const Informer&) = delete;
  Informer& operator=(const Informer&) = delete;

  // Register before start().
  void add_handlers(InformerHandlers handlers);
  void start();
  // Cancels watches and sleeps, joins threads. Idempotent.
  void stop();

  // True once the initial list of every namespace has been applied.
  bool has_synced() const;
  // Waits up to `timeout` for has_synced().
  bool wait_for_sync(std::chrono::milliseconds timeout) const;

  const ObjectCache& cache() const { return cache_; }
  ObjectPtr get(const std::string& ns, const std::string& name) const { return cache_.get(ns, name); }
  std::vector<ObjectPtr> list(const std::string& ns = "") const { return cache_.list_namespace(ns); }
  const GroupVersionResource& resource() const { return options_.gvr; }
  InformerStats stats() const;
  // The resourceVersion the watch of `ns` ("" for all) resumes from (for tests and diagnostics).
  std::string last_resource_version(const std::string& ns = "") const;

 private:
  struct NamespaceState;
  // How one watch ended: closed by the server, 410 (relist now), failed (relist after back-off), or the
  // connection broke (resume the watch after back-off).
  enum class WatchOutcome { Closed, Gone, Failed, Disconnected };
  void run_namespace(NamespaceState& state);
  bool relist(NamespaceState& state);
  WatchOutcome watch_once(NamespaceState& state, ExponentialBackoff& backoff);
  void run_resync();
  void deliver_add(const ObjectPtr& obj);
  void deliver_update(const ObjectPtr& old_obj, const ObjectPtr& new_obj);
  void deliver_delete(const ObjectPtr& obj);

  std::shared_ptr<const RestClient> client_;
  InformerOptions options_;
  ObjectCache cache_;
  std::vector<InformerHandlers> handlers_;
  std::mutex handler_mutex_;
  StopSignal stop_;
  std::vector<std::unique_ptr<NamespaceState>> states_;
  std::vector<std::thread> threads_;
  std::atomic<size_t> synced_count_{0};
  mutable std::mutex sync_mutex_;
  mutable std::condition_variable sync_cv_;
  mutable std::mutex stats_mutex_;
  InformerStats stats_;
  std::atomic<bool> started_{false};
};

}  // namespace peregrine::kube
