// Prometheus metrics of the controller, named like controller-runtime's so existing dashboards work:
// controller_runtime_reconcile_total{controller,result=success|error|requeue|requeue_after},
// controller_runtime_reconcile_errors_total, controller_runtime_reconcile_time_seconds (histogram),
// controller_runtime_max_concurrent_reconciles, controller_runtime_active_workers,
// workqueue_{depth,adds_total,retries_total}{name}, peregrine_operator_workqueue_waiting{name},
// rest_client_requests_total{code,method}, leader_election_master_status{name}, plus Peregrine's
// peregrine_operator_api_writes_total{verb,resource} (successful writes to the API server) and informer
// counters (peregrine_operator_informer_relists_total, ..._watch_errors_total).
#pragma once
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

#include "backend/common/metrics.hpp"
#include "operator/kube/informer.hpp"
#include "operator/kube/rest_client.hpp"
#include "operator/kube/work_queue.hpp"
#include "operator/kube/worker_pool.hpp"

namespace peregrine::controller {

class ControllerMetrics {
 public:
  ControllerMetrics(common::MetricsRegistry& registry, std::string controller_name, int max_concurrent_reconciles);

  // WorkerPool observer: one finished reconcile.
  void observe_reconcile(const kube::ProcessResult& result, std::chrono::nanoseconds duration, bool failed);
  void worker_started();
  void worker_finished();
  // RestClient observer: one finished API call.
  void observe_request(const kube::RequestRecord& record);
  void set_leader(bool leading, const std::string& lease_name);
  // Refreshes the gauges and counters that mirror queue and informer state; call before rendering.
  void refresh(const kube::WorkQueueStats& queue, const kube::InformerStats& informers);

  common::MetricsRegistry& registry() { return registry_; }

 private:
  common::MetricsRegistry& registry_;
  const std::string controller_;
  common::Counter& success_;
  common::Counter& error_;
  common::Counter& requeue_;
  common::Counter& requeue_after_;
  common::Counter& errors_total_;
  common::Histogram& reconcile_time_;
  common::Gauge& active_workers_;
  common::Gauge& depth_;
  common::Gauge& waiting_;
  common::Counter& adds_;
  common::Counter& retries_;
  common::Counter& relists_;
  common::Counter& watch_errors_;
  std::mutex refresh_mutex_;
  kube::WorkQueueStats last_queue_;
  kube::InformerStats last_informers_;
};

// "GET", "POST", "PUT", "PATCH", "DELETE" for a Kubernetes verb.
std::string http_method_for_verb(const std::string& verb);

}  // namespace peregrine::controller
