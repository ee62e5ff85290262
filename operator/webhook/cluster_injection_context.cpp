// Informer-backed InjectionContext (see cluster_injection_context.hpp).
#include "operator/webhook/cluster_injection_context.hpp"

#include "operator/kube/object_key.hpp"

namespace peregrine::operator_webhook {

ClusterInjectionContext::ClusterInjectionContext(std::shared_ptr<const kube::RestClient> client,
                                                 std::vector<std::string> watch_namespaces,
                                                 operator_render::RenderContext render_context,
                                                 std::chrono::milliseconds namespace_poll_period)
    : client_(std::move(client)),
      watch_namespaces_(std::move(watch_namespaces)),
      render_context_(std::move(render_context)),
      namespaces_(client_, watch_namespaces_, namespace_poll_period) {}

ClusterInjectionContext::~ClusterInjectionContext() { stop(); }

void ClusterInjectionContext::add_instance_listener(std::function<void()> listener) {
  instance_listeners_.push_back(std::move(listener));
}

void ClusterInjectionContext::add_namespace_listener(std::function<void(const std::string&)> listener) {
  namespaces_.add_listener(std::move(listener));
}

void ClusterInjectionContext::start() {
  kube::InformerOptions options;
  options.gvr = kJaegers;
  options.namespaces = watch_namespaces_;
  options.name = "webhook-jaegers";
  jaegers_ = std::make_unique<kube::Informer>(client_, options);
  kube::InformerHandlers handlers;
  handlers.on_add = [this](const kube::ObjectPtr& object) { upsert(object); };
  handlers.on_update = [this](const kube::ObjectPtr&, const kube::ObjectPtr& object) { upsert(object); };
  handlers.on_delete = [this](const kube::ObjectPtr& object) { erase(object); };
  jaegers_->add_handlers(std::move(handlers));
  namespaces_.start();
  jaegers_->start();
}

void ClusterInjectionContext::stop() {
  if (jaegers_) jaegers_->stop();
  namespaces_.stop();
}

bool ClusterInjectionContext::wait_for_sync(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  if (!jaegers_ || !jaegers_->wait_for_sync(timeout)) return false;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return namespaces_.wait_for_sync(std::max(left, std::chrono::milliseconds(0)));
}

bool ClusterInjectionContext::ready() const { return jaegers_ && jaegers_->has_synced() && namespaces_.has_synced(); }

bool ClusterInjectionContext::watches_namespace(const std::string& ns) const { return namespaces_.watches(ns); }

std::optional<StringMap> ClusterInjectionContext::namespace_annotations(const std::string& ns) const {
  return namespaces_.annotations(ns);
}

std::vector<AgentProfile> ClusterInjectionContext::jaeger_instances() const {
  std::lock_guard lock(mutex_);
  std::vector<AgentProfile> instances;
  instances.reserve(profiles_.size());
  for (const auto& [key, profile] : profiles_) instances.push_back(profile);
  return instances;
}

void ClusterInjectionContext::upsert(const kube::ObjectPtr& object) {
  AgentProfile profile = agent_profile_from_cr(*object, render_context_);
  const std::string key = kube::object_key(*object);
  {
    std::lock_guard lock(mutex_);
    auto it = profiles_.find(key);
    if (it != profiles_.end() && it->second == profile) return;
    profiles_[key] = std::move(profile);
  }
  notify_instances();
}

void ClusterInjectionContext::erase(const kube::ObjectPtr& object) {
  {
    std::lock_guard lock(mutex_);
    if (profiles_.erase(kube::object_key(*object)) == 0) return;
  }
  notify_instances();
}

void ClusterInjectionContext::notify_instances() {
  for (const auto& listener : instance_listeners_) listener();
}

}  // namespace peregrine::operator_webhook
