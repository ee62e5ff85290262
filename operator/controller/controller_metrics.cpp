// Controller metrics registration and updates.
#include "operator/controller/controller_metrics.hpp"

namespace peregrine::controller {

namespace {

std::vector<double> reconcile_buckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
          1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60};
}

}  // namespace

std::string http_method_for_verb(const std::string& verb) {
  if (verb == "create") return "POST";
  if (verb == "update") return "PUT";
  if (verb == "patch") return "PATCH";
  if (verb == "delete" || verb == "deletecollection") return "DELETE";
  return "GET";
}

ControllerMetrics::ControllerMetrics(common::MetricsRegistry& registry, std::string controller_name,
                                     int max_concurrent_reconciles)
    : registry_(registry),
      controller_(std::move(controller_name)),
      success_(registry.counter("controller_runtime_reconcile_total", "Total number of reconciliations per controller",
                                {{"controller", controller_}, {"result", "success"}})),
      error_(registry.counter("controller_runtime_reconcile_total", "Total number of reconciliations per controller",
                              {{"controller", controller_}, {"result", "error"}})),
      requeue_(registry.counter("controller_runtime_reconcile_total", "Total number of reconciliations per controller",
                                {{"controller", controller_}, {"result", "requeue"}})),
      requeue_after_(registry.counter("controller_runtime_reconcile_total",
                                      "Total number of reconciliations per controller",
                                      {{"controller", controller_}, {"result", "requeue_after"}})),
      errors_total_(registry.counter("controller_runtime_reconcile_errors_total",
                                     "Total number of reconciliation errors per controller",
                                     {{"controller", controller_}})),
      reconcile_time_(registry.histogram("controller_runtime_reconcile_time_seconds",
                                         "Length of time per reconciliation per controller", reconcile_buckets(),
                                         {{"controller", controller_}})),
      active_workers_(registry.gauge("controller_runtime_active_workers",
                                     "Number of currently used workers per controller", {{"controller", controller_}})),
      depth_(registry.gauge("workqueue_depth", "Current depth of workqueue", {{"name", controller_}})),
      waiting_(registry.gauge("peregrine_operator_workqueue_waiting",
                              "Keys waiting for a delayed or back-off requeue", {{"name", controller_}})),
      adds_(registry.counter("workqueue_adds_total", "Total number of adds handled by workqueue", {{"name", controller_}})),
      retries_(registry.counter("workqueue_retries_total", "Total number of retries handled by workqueue",
                                {{"name", controller_}})),
      relists_(registry.counter("peregrine_operator_informer_relists_total",
                                "Full relists of informers after a 410 Gone / expired resourceVersion")),
      watch_errors_(registry.counter("peregrine_operator_informer_watch_errors_total",
                                     "Failed or broken watches of the informers")) {
  registry.gauge("controller_runtime_max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller",
                 {{"controller", controller_}})
      .set(max_concurrent_reconciles);
}

void ControllerMetrics::observe_reconcile(const kube::ProcessResult& result, std::chrono::nanoseconds duration,
                                          bool failed) {
  reconcile_time_.observe(std::chrono::duration<double>(duration).count());
  if (failed) {
    error_.inc();
    errors_total_.inc();
    return;
  }
  switch (result.kind) {
    case kube::ProcessResult::Kind::Done:
      success_.inc();
      break;
    case kube::ProcessResult::Kind::Retry:
      requeue_.inc();
      break;
    case kube::ProcessResult::Kind::RequeueAfter:
      requeue_after_.inc();
      break;
  }
}

void ControllerMetrics::worker_started() { active_workers_.add(1); }
void ControllerMetrics::worker_finished() { active_workers_.add(-1); }

void ControllerMetrics::observe_request(const kube::RequestRecord& record) {
  const std::string code = record.code == 0 ? "<error>" : std::to_string(record.code);
  registry_
      .counter("rest_client_requests_total", "Number of HTTP requests, partitioned by status code and method",
               {{"code", code}, {"method", http_method_for_verb(record.verb)}})
      .inc();
  const bool write = record.verb == "create" || record.verb == "update" || record.verb == "patch" ||
                     record.verb == "delete" || record.verb == "deletecollection";
  if (write && record.code >= 200 && record.code < 300) {
    const std::string resource = record.gvr.group_resource() + (record.subresource.empty() ? "" : "/" + record.subresource);
    registry_
        .counter("peregrine_operator_api_writes_total", "Successful writes to the Kubernetes API",
                 {{"verb", record.verb}, {"resource", resource}})
        .inc();
  }
}

void ControllerMetrics::set_leader(bool leading, const std::string& lease_name) {
  registry_
      .gauge("leader_election_master_status", "Whether this process is the leader (1) or not (0)",
             {{"name", lease_name}})
      .set(leading ? 1 : 0);
}

void ControllerMetrics::refresh(const kube::WorkQueueStats& queue, const kube::InformerStats& informers) {
  std::lock_guard lock(refresh_mutex_);
  depth_.set(static_cast<double>(queue.depth));
  waiting_.set(static_cast<double>(queue.waiting));
  if (queue.adds > last_queue_.adds) adds_.inc(static_cast<double>(queue.adds - last_queue_.adds));
  if (queue.retries > last_queue_.retries) retries_.inc(static_cast<double>(queue.retries - last_queue_.retries));
  if (informers.gone_relists > last_informers_.gone_relists) {
    relists_.inc(static_cast<double>(informers.gone_relists - last_informers_.gone_relists));
  }
  if (informers.watch_errors > last_informers_.watch_errors) {
    watch_errors_.inc(static_cast<double>(informers.watch_errors - last_informers_.watch_errors));
  }
  last_queue_ = queue;
  last_informers_ = informers;
}

}  // namespace peregrine::controller
