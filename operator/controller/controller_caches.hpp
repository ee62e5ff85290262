// ControllerCaches: the informers the Jaeger controller reads from — one for Jaeger CRs and one per owned kind
// (filtered by managed-by=peregrine-operator), over the watched namespaces — and the event wiring that turns
// their changes into work-queue keys: a Jaeger change enqueues the Jaeger (status-only changes are skipped, so
// the controller's own status writes cause no extra reconciles); any add/update/delete of an owned object
// enqueues its owning Jaeger (controller owner reference, else the instance label), which is how deleted or
// modified children get repaired and workload readiness reaches the status. Events also keep the owner index
// current and let RecentWrites forget writes the cache has caught up with.
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "operator/controller/owned_kinds.hpp"
#include "operator/controller/owner_index.hpp"
#include "operator/controller/recent_writes.hpp"
#include "operator/kube/informer.hpp"
#include "operator/kube/rest_client.hpp"

namespace peregrine::controller {

class ControllerCaches {
 public:
  using Enqueue = std::function<void(const std::string& key)>;

  ControllerCaches(std::shared_ptr<const kube::RestClient> client, std::vector<std::string> namespaces,
                   std::vector<OwnedKind> kinds, Enqueue enqueue, RecentWrites& recent_writes);
  ~ControllerCaches();
  ControllerCaches(const ControllerCaches&) = delete;
  ControllerCaches& operator=(const ControllerCaches&) = delete;

  void start();
  void stop();
  bool has_synced() const;
  // Waits until every informer synced, up to `timeout`.
  bool wait_for_sync(std::chrono::milliseconds timeout) const;

  const std::vector<OwnedKind>& kinds() const { return kinds_; }
  // Cached objects (may lag behind the controller's own writes; see RecentWrites).
  ObjectPtr jaeger(const std::string& ns, const std::string& name) const;
  std::vector<ObjectPtr> jaegers() const;
  ObjectPtr owned(const OwnedKind& kind, const std::string& ns, const std::string& name) const;
  // The cached objects that belong to the Jaeger with this "namespace/name" key (controller owner reference,
  // else the operator's labels), as (kind, name) pairs.
  std::vector<OwnerIndex::Member> owned_by(const std::string& jaeger_key) const { return owners_.members(jaeger_key); }
  const OwnedKind* kind_named(const std::string& kind) const;

  // Summed informer statistics (lists, relists after 410, watch errors, ...).
  kube::InformerStats stats() const;

 private:
  kube::Informer& informer_for(const OwnedKind& kind) const;

  std::vector<OwnedKind> kinds_;
  std::unique_ptr<kube::Informer> jaeger_informer_;
  std::vector<std::unique_ptr<kube::Informer>> owned_informers_;  // parallel to kinds_
  OwnerIndex owners_;
};

// The RecentWrites key of an object: "<group>/<resource>/<namespace>/<name>".
std::string recent_write_key(const kube::GroupVersionResource& resource, const std::string& ns,
                             const std::string& name);

// True when two versions of a Jaeger differ in more than status / resourceVersion / managedFields.
bool jaeger_changed_beyond_status(const nlohmann::json& old_object, const nlohmann::json& new_object);

}  // namespace peregrine::controller
