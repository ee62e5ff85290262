// Namespace annotations by list-watch (cluster-wide) or periodic GET (namespace-scoped); see
// namespace_directory.hpp.
#include "operator/webhook/namespace_directory.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "operator/kube/well_known_resources.hpp"
#include "operator/webhook/injection_constants.hpp"

namespace peregrine::operator_webhook {

namespace {

std::optional<std::string> inject_value(const std::optional<StringMap>& annotations) {
  if (!annotations) return std::nullopt;
  return find_value(*annotations, kInjectAnnotation);
}

}  // namespace

NamespaceDirectory::NamespaceDirectory(std::shared_ptr<const kube::RestClient> client,
                                       std::vector<std::string> watch_namespaces,
                                       std::chrono::milliseconds poll_period)
    : client_(std::move(client)), watch_namespaces_(std::move(watch_namespaces)), poll_period_(poll_period) {}

NamespaceDirectory::~NamespaceDirectory() { stop(); }

void NamespaceDirectory::add_listener(std::function<void(const std::string&)> listener) {
  listeners_.push_back(std::move(listener));
}

void NamespaceDirectory::notify_if_changed(const std::string& ns, const std::optional<StringMap>& before,
                                           const std::optional<StringMap>& after) {
  if (inject_value(before) == inject_value(after) && before.has_value() == after.has_value()) return;
  for (const auto& listener : listeners_) listener(ns);
}

void NamespaceDirectory::start() {
  if (!watch_namespaces_.empty()) {
    poller_ = std::thread([this] { poll_loop(); });
    return;
  }
  kube::InformerOptions options;
  options.gvr = kube::resources::kNamespaces;
  options.name = "webhook-namespaces";
  informer_ = std::make_unique<kube::Informer>(client_, options);
  kube::InformerHandlers handlers;
  handlers.on_add = [this](const kube::ObjectPtr& object) {
    notify_if_changed(metadata_string(*object, "name"), std::nullopt, metadata_annotations(*object));
  };
  handlers.on_update = [this](const kube::ObjectPtr& before, const kube::ObjectPtr& after) {
    notify_if_changed(metadata_string(*after, "name"), metadata_annotations(*before), metadata_annotations(*after));
  };
  handlers.on_delete = [this](const kube::ObjectPtr& object) {
    notify_if_changed(metadata_string(*object, "name"), metadata_annotations(*object), std::nullopt);
  };
  informer_->add_handlers(std::move(handlers));
  informer_->start();
}

void NamespaceDirectory::stop() {
  stop_.request_stop();
  if (poller_.joinable()) poller_.join();
  if (informer_) informer_->stop();
}

bool NamespaceDirectory::wait_for_sync(std::chrono::milliseconds timeout) const {
  if (informer_) return informer_->wait_for_sync(timeout);
  std::unique_lock lock(mutex_);
  return polled_cv_.wait_for(lock, timeout, [this] { return polled_once_; });
}

bool NamespaceDirectory::has_synced() const {
  if (informer_) return informer_->has_synced();
  std::lock_guard lock(mutex_);
  return polled_once_;
}

bool NamespaceDirectory::watches(const std::string& ns) const {
  return watch_namespaces_.empty() ||
         std::find(watch_namespaces_.begin(), watch_namespaces_.end(), ns) != watch_namespaces_.end();
}

std::optional<StringMap> NamespaceDirectory::annotations(const std::string& ns) const {
  if (informer_) {
    const kube::ObjectPtr object = informer_->get("", ns);
    if (!object) return std::nullopt;
    return metadata_annotations(*object);
  }
  std::lock_guard lock(mutex_);
  auto it = polled_.find(ns);
  return it == polled_.end() ? std::nullopt : it->second;
}

void NamespaceDirectory::poll_once() {
  for (const auto& ns : watch_namespaces_) {
    std::optional<StringMap> now;
    try {
      if (auto object = client_->get_if_exists(kube::resources::kNamespaces, "", ns)) {
        now = metadata_annotations(*object);
      }
    } catch (const std::exception& e) {
      spdlog::warn("webhook: cannot read Namespace {}: {}", ns, e.what());
      continue;  // keep what was known
    }
    std::optional<StringMap> before;
    {
      std::lock_guard lock(mutex_);
      auto& slot = polled_[ns];
      before = slot;
      slot = now;
    }
    notify_if_changed(ns, before, now);
  }
  {
    std::lock_guard lock(mutex_);
    polled_once_ = true;
  }
  polled_cv_.notify_all();
}

void NamespaceDirectory::poll_loop() {
  do {
    poll_once();
  } while (!stop_.wait_for(poll_period_));
}

}  // namespace peregrine::operator_webhook
