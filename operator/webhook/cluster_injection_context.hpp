// ClusterInjectionContext: the InjectionContext of a running operator — Jaeger instances from a list-watch of
// jaegertracing.io/v1 jaegers in the watched namespaces (each turned into an AgentProfile when it changes, not
// per request), and Namespace annotations from a NamespaceDirectory. Listeners hear when an instance's agent
// profile appears, changes or goes away (status-only updates of a Jaeger do not count).
#pragma once
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "operator/kube/informer.hpp"
#include "operator/render/render_context.hpp"
#include "operator/webhook/injection_context.hpp"
#include "operator/webhook/namespace_directory.hpp"

namespace peregrine::operator_webhook {

inline const kube::GroupVersionResource kJaegers{"jaegertracing.io", "v1", "jaegers", true};

class ClusterInjectionContext : public InjectionContext {
 public:
  ClusterInjectionContext(std::shared_ptr<const kube::RestClient> client, std::vector<std::string> watch_namespaces,
                          operator_render::RenderContext render_context,
                          std::chrono::milliseconds namespace_poll_period = std::chrono::seconds(30));
  ~ClusterInjectionContext() override;

  // Register before start().
  void add_instance_listener(std::function<void()> listener);
  void add_namespace_listener(std::function<void(const std::string& ns)> listener);
  void start();
  void stop();
  bool wait_for_sync(std::chrono::milliseconds timeout) const;

  bool watches_namespace(const std::string& ns) const override;
  std::optional<StringMap> namespace_annotations(const std::string& ns) const override;
  std::vector<AgentProfile> jaeger_instances() const override;
  bool ready() const override;

 private:
  void upsert(const kube::ObjectPtr& object);
  void erase(const kube::ObjectPtr& object);
  void notify_instances();

  std::shared_ptr<const kube::RestClient> client_;
  std::vector<std::string> watch_namespaces_;
  operator_render::RenderContext render_context_;
  NamespaceDirectory namespaces_;
  std::unique_ptr<kube::Informer> jaegers_;
  std::vector<std::function<void()>> instance_listeners_;
  mutable std::mutex mutex_;
  std::map<std::string, AgentProfile> profiles_;  // by "namespace/name"
};

}  // namespace peregrine::operator_webhook
