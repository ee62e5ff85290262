// Informers for Jaeger CRs and owned kinds, and their event → work-queue wiring.
#include "operator/controller/controller_caches.hpp"

#include <algorithm>
#include <stdexcept>

#include "operator/controller/ownership.hpp"
#include "operator/kube/object_key.hpp"

namespace peregrine::controller {

namespace {

nlohmann::json without_status(const nlohmann::json& object) {
  nlohmann::json copy = object;
  copy.erase("status");
  if (copy.contains("metadata") && copy["metadata"].is_object()) {
    copy["metadata"].erase("resourceVersion");
    copy["metadata"].erase("managedFields");
  }
  return copy;
}

}  // namespace

std::string recent_write_key(const kube::GroupVersionResource& resource, const std::string& ns,
                             const std::string& name) {
  return resource.group + "/" + resource.resource + "/" + ns + "/" + name;
}

bool jaeger_changed_beyond_status(const nlohmann::json& old_object, const nlohmann::json& new_object) {
  return without_status(old_object) != without_status(new_object);
}

ControllerCaches::ControllerCaches(std::shared_ptr<const kube::RestClient> client, std::vector<std::string> namespaces,
                                   std::vector<OwnedKind> kinds, Enqueue enqueue, RecentWrites& recent_writes)
    : kinds_(std::move(kinds)) {
  kube::InformerOptions jaeger_options;
  jaeger_options.gvr = kJaegerResource;
  jaeger_options.namespaces = namespaces;
  jaeger_options.name = "jaegers";
  jaeger_informer_ = std::make_unique<kube::Informer>(client, jaeger_options);

  auto forget_jaeger_write = [&recent_writes](const ObjectPtr& object, bool deleted) {
    const std::string key =
        recent_write_key(kJaegerResource, kube::object_namespace(*object), kube::object_name(*object));
    recent_writes.observe(key, deleted ? nullptr : object);
  };
  jaeger_informer_->add_handlers(kube::InformerHandlers{
      [enqueue, forget_jaeger_write](const ObjectPtr& object) {
        forget_jaeger_write(object, false);
        enqueue(kube::object_key(*object));
      },
      [enqueue, forget_jaeger_write](const ObjectPtr& old_object, const ObjectPtr& new_object) {
        forget_jaeger_write(new_object, false);
        if (jaeger_changed_beyond_status(*old_object, *new_object)) enqueue(kube::object_key(*new_object));
      },
      [enqueue, forget_jaeger_write](const ObjectPtr& object) {
        forget_jaeger_write(object, true);
        enqueue(kube::object_key(*object));
      },
  });

  for (const auto& kind : kinds_) {
    kube::InformerOptions options;
    options.gvr = kind.resource;
    options.namespaces = namespaces;
    options.label_selector = owned_label_selector();
    options.name = kind.resource.group_resource();
    auto informer = std::make_unique<kube::Informer>(client, options);
    const kube::GroupVersionResource resource = kind.resource;
    const std::string kind_name = kind.kind;
    auto notify = [this, enqueue, resource, kind_name, &recent_writes](const ObjectPtr& object, bool deleted) {
      const std::string ns = kube::object_namespace(*object);
      const std::string name = kube::object_name(*object);
      recent_writes.observe(recent_write_key(resource, ns, name), deleted ? nullptr : object);
      const auto owner = owner_jaeger_key(*object);
      if (deleted) {
        owners_.erase(kind_name, ns, name);
      } else {
        owners_.set(kind_name, ns, name, owner);
      }
      if (owner) enqueue(*owner);
    };
    informer->add_handlers(kube::InformerHandlers{
        [notify](const ObjectPtr& object) { notify(object, false); },
        [notify, enqueue](const ObjectPtr& old_object, const ObjectPtr& new_object) {
          notify(new_object, false);
          // An owner change (e.g. a label edit moving the object) also concerns the previous owner.
          const auto before = owner_jaeger_key(*old_object);
          if (before && before != owner_jaeger_key(*new_object)) enqueue(*before);
        },
        [notify](const ObjectPtr& object) { notify(object, true); },
    });
    owned_informers_.push_back(std::move(informer));
  }
}

ControllerCaches::~ControllerCaches() { stop(); }

void ControllerCaches::start() {
  jaeger_informer_->start();
  for (auto& informer : owned_informers_) informer->start();
}

void ControllerCaches::stop() {
  jaeger_informer_->stop();
  for (auto& informer : owned_informers_) informer->stop();
}

bool ControllerCaches::has_synced() const {
  if (!jaeger_informer_->has_synced()) return false;
  for (const auto& informer : owned_informers_) {
    if (!informer->has_synced()) return false;
  }
  return true;
}

bool ControllerCaches::wait_for_sync(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto remaining = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  };
  if (!jaeger_informer_->wait_for_sync(remaining())) return false;
  for (const auto& informer : owned_informers_) {
    const auto left = remaining();
    if (left.count() <= 0 && !informer->has_synced()) return false;
    if (!informer->wait_for_sync(std::max(left, std::chrono::milliseconds(0)))) return false;
  }
  return true;
}

ObjectPtr ControllerCaches::jaeger(const std::string& ns, const std::string& name) const {
  return jaeger_informer_->get(ns, name);
}

std::vector<ObjectPtr> ControllerCaches::jaegers() const { return jaeger_informer_->cache().list(); }

kube::Informer& ControllerCaches::informer_for(const OwnedKind& kind) const {
  for (size_t i = 0; i < kinds_.size(); ++i) {
    if (kinds_[i].kind == kind.kind) return *owned_informers_[i];
  }
  throw std::logic_error("no informer for kind " + kind.kind);
}

ObjectPtr ControllerCaches::owned(const OwnedKind& kind, const std::string& ns, const std::string& name) const {
  return informer_for(kind).get(ns, name);
}

const OwnedKind* ControllerCaches::kind_named(const std::string& kind) const {
  for (const auto& owned : kinds_) {
    if (owned.kind == kind) return &owned;
  }
  return nullptr;
}

kube::InformerStats ControllerCaches::stats() const {
  kube::InformerStats total = jaeger_informer_->stats();
  for (const auto& informer : owned_informers_) {
    const auto s = informer->stats();
    total.lists += s.lists;
    total.watches += s.watches;
    total.gone_relists += s.gone_relists;
    total.watch_errors += s.watch_errors;
    total.events += s.events;
    total.bookmarks += s.bookmarks;
  }
  return total;
}

}  // namespace peregrine::controller
