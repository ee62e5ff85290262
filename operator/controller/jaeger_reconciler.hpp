// JaegerReconciler: reconcile(key) for one Jaeger, level-triggered and idempotent. Reads the CR and its owned
// objects from the caches (overlaid with the controller's own recent writes), renders the desired objects,
// plans the writes (reconcile_plan.hpp) and performs them, records an Event per create/update/delete and per
// failure, and writes status through the status subresource only when it changed. An invalid CR gets status
// Failed and a Warning event and nothing is written to its objects; API failures are retried with back-off; a
// deleted CR has its remaining objects deleted (owner references normally let the garbage collector do it).
// Never waits for workloads to become ready: their status changes arrive as events and re-run the reconcile.
#pragma once
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "operator/controller/controller_caches.hpp"
#include "operator/controller/jaeger_status.hpp"
#include "operator/controller/kube_event.hpp"
#include "operator/controller/reconcile_plan.hpp"
#include "operator/controller/recent_writes.hpp"
#include "operator/kube/rest_client.hpp"
#include "operator/kube/worker_pool.hpp"
#include "operator/render/render_context.hpp"

namespace peregrine::controller {

struct ReconcilerConfig {
  operator_render::RenderContext render_context;  // default_namespace is set per CR
  std::string operator_version;                   // status.version
};

class JaegerReconciler {
 public:
  // Declares the calls it makes (CRUD on owned kinds, jaegers/status updates, events) in
  // DeclaredApiCalls::global().
  JaegerReconciler(std::shared_ptr<const kube::RestClient> client, const ControllerCaches& caches,
                   RecentWrites& recent_writes, EventRecorder& events, ReconcilerConfig config);

  kube::ProcessResult reconcile(const std::string& key);

 private:
  struct Execution {
    bool requeue = false;               // a conflict or stale cache: run again soon
    std::vector<std::string> failures;  // refused writes
  };

  kube::ProcessResult remove_children(const std::string& ns, const std::string& name);
  std::map<ObjectId, Json> observe(const std::vector<Json>& desired, const std::string& ns,
                                   const std::string& name) const;
  ObjectPtr fresh(const OwnedKind& kind, const std::string& ns, const std::string& name) const;
  Execution execute(const ReconcilePlan& plan, const Json& jaeger);
  bool create(const PlannedAction& action, const Json& jaeger, Execution& execution);
  bool update(const OwnedKind& kind, const ObjectId& id, const Json& merged, const std::string& reason,
              const Json& jaeger, Execution& execution);
  bool remove(const PlannedAction& action, const Json* jaeger, Execution& execution);
  std::vector<Json> workloads(const std::vector<Json>& desired, const std::string& ns) const;
  // Writes status when it changed; false when the write hit a conflict (run again).
  bool write_status(const Json& jaeger, const StatusInput& input, const EventSpec* failure_event);

  std::shared_ptr<const kube::RestClient> client_;
  const ControllerCaches& caches_;
  RecentWrites& recent_writes_;
  EventRecorder& events_;
  ReconcilerConfig config_;
};

// Declares every API call the controller makes, for the RBAC rules (DeclaredApiCalls::global()).
void declare_controller_api_calls(const std::vector<OwnedKind>& kinds);

}  // namespace peregrine::controller
