// Reconcile mode of sidecar injection: list-watches Deployments, StatefulSets and DaemonSets in the watched
// namespaces and brings every relevant one (annotated, in an annotated Namespace, or injected before) to the
// state the injection rules give — by JSON Patch, guarded by a `test` on metadata.resourceVersion so a stale
// cache never overwrites a newer object. Every relevant workload is re-evaluated when a Jaeger instance appears,
// changes or disappears, and a Namespace's workloads when its annotation changes. Injections and removals are
// announced by Normal Events; a request that cannot be met gets one Warning Event per distinct reason.
// With the webhook enabled this repairs whatever the webhook missed (it was down, failurePolicy Ignore, or the
// Jaeger instance came later); with it disabled this is how sidecars get injected.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "operator/kube/informer.hpp"
#include "operator/kube/rest_client.hpp"
#include "operator/kube/stop_signal.hpp"
#include "operator/kube/work_queue.hpp"
#include "operator/kube/worker_pool.hpp"
#include "operator/webhook/cluster_injection_context.hpp"
#include "operator/webhook/workload_events.hpp"
#include "operator/webhook/workload_kind.hpp"

namespace peregrine::operator_webhook {

struct InjectionReconcilerOptions {
  std::vector<std::string> watch_namespaces;  // empty = all
  int workers = 2;
  std::string field_manager = "peregrine-operator";
  std::string reporting_instance = "peregrine-operator";  // Event reportingInstance (the pod name)
};

struct InjectionReconcilerStats {
  uint64_t evaluations = 0;
  uint64_t patches = 0;    // successful workload patches
  uint64_t conflicts = 0;  // patches refused because the object changed meanwhile (retried)
  uint64_t errors = 0;     // other failures (retried with back-off)
};

class InjectionReconciler {
 public:
  // Registers listeners on `context`: construct before context.start(). `context` must outlive this object.
  InjectionReconciler(std::shared_ptr<const kube::RestClient> client, ClusterInjectionContext& context,
                      InjectionReconcilerOptions options);
  ~InjectionReconciler();
  InjectionReconciler(const InjectionReconciler&) = delete;
  InjectionReconciler& operator=(const InjectionReconciler&) = delete;

  // Starts the workload caches; the workers start once these and the context have synced.
  void start();
  void stop();
  bool workers_running() const { return workers_running_.load(); }
  InjectionReconcilerStats stats() const;

 private:
  kube::ProcessResult process(const std::string& key);
  bool relevant(const nlohmann::json& workload) const;
  void enqueue_if_relevant(WorkloadKind kind, const nlohmann::json& workload);
  void enqueue_all(const std::string& only_namespace = "");
  void start_workers_when_synced();
  kube::Informer& informer_for(WorkloadKind kind);

  std::shared_ptr<const kube::RestClient> client_;
  ClusterInjectionContext& context_;
  InjectionReconcilerOptions options_;
  std::map<WorkloadKind, std::unique_ptr<kube::Informer>> informers_;
  kube::WorkQueue queue_;
  std::unique_ptr<kube::WorkerPool> workers_;
  WorkloadEventRecorder events_;
  kube::StopSignal stop_;
  std::thread starter_;
  std::atomic<bool> workers_running_{false};
  std::atomic<bool> started_{false};
  mutable std::mutex warnings_mutex_;
  std::map<std::string, std::string> last_warning_;  // workload uid → reason last reported
  std::atomic<uint64_t> evaluations_{0};
  std::atomic<uint64_t> patches_{0};
  std::atomic<uint64_t> conflicts_{0};
  std::atomic<uint64_t> errors_{0};
};

}  // namespace peregrine::operator_webhook
