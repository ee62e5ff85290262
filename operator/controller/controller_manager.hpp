// ControllerManager: the running operator — REST client, informer caches, work queue, reconcile workers,
// event recorder, optional Lease leader election, health/readiness and metrics servers — wired together with
// controller-runtime's life cycle: caches start at once; workers start only after every cache synced (and,
// with --leader-elect, once this process leads); /readyz answers ok once caches are synced (leading or standing
// by); losing the lease is fatal (failed() turns true and the process should exit, like controller-runtime).
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "backend/common/metrics.hpp"
#include "operator/controller/controller_caches.hpp"
#include "operator/controller/controller_metrics.hpp"
#include "operator/controller/controller_options.hpp"
#include "operator/controller/jaeger_reconciler.hpp"
#include "operator/controller/kube_event.hpp"
#include "operator/controller/probe_endpoints.hpp"
#include "operator/controller/recent_writes.hpp"
#include "operator/kube/client_config.hpp"
#include "operator/kube/leader_elector.hpp"
#include "operator/kube/rest_client.hpp"
#include "operator/kube/stop_signal.hpp"
#include "operator/kube/work_queue.hpp"
#include "operator/kube/worker_pool.hpp"
#include "operator/render/render_context.hpp"

namespace peregrine::controller {

struct ManagerSettings {
  ControllerOptions options;
  kube::ClientConfig client_config;  // rate limits from the options are applied by the manager
  std::map<operator_render::ImageComponent, std::string> image_overrides;  // RELATED_IMAGE_*
  std::string operator_version;
};

class ControllerManager {
 public:
  explicit ControllerManager(ManagerSettings settings);
  ~ControllerManager();  // stop()
  ControllerManager(const ControllerManager&) = delete;
  ControllerManager& operator=(const ControllerManager&) = delete;

  // Discovers served API versions, binds the HTTP servers, starts caches; workers follow in the background.
  // Throws on bind failures or an unreachable API server.
  void start();
  // Releases the lease (when leading), stops workers, caches and servers. Idempotent.
  void stop();

  // "" when ready, else why not.
  std::string not_ready_reason() const;
  // True after the lease was lost or the start-up failed in the background.
  bool failed() const { return failed_.load(); }
  // Blocks until failed() or stop(), up to `timeout`; returns failed().
  bool wait_for_failure(std::chrono::milliseconds timeout) const;

  uint16_t health_port() const;
  uint16_t metrics_port() const;
  std::string render_metrics();

  // Observability for tests and diagnostics.
  kube::WorkQueueStats queue_stats() const { return queue_.stats(); }
  uint64_t reconciles() const { return workers_ ? workers_->processed() : 0; }
  kube::InformerStats informer_stats() const { return caches_ ? caches_->stats() : kube::InformerStats{}; }
  bool is_leader() const { return elector_ ? elector_->is_leader() : synced_.load(); }
  const std::string& identity() const { return identity_; }

 private:
  void start_when_synced();
  // Starts the workers unless stop() began (the elector's callback may race with stop()).
  void start_workers();
  void fail(const std::string& why);

  ManagerSettings settings_;
  common::MetricsRegistry registry_;
  std::unique_ptr<ControllerMetrics> metrics_;
  std::shared_ptr<kube::RestClient> client_;
  kube::WorkQueue queue_;
  RecentWrites recent_writes_;
  std::unique_ptr<ControllerCaches> caches_;
  std::unique_ptr<EventRecorder> events_;
  std::unique_ptr<JaegerReconciler> reconciler_;
  std::unique_ptr<kube::WorkerPool> workers_;
  std::unique_ptr<kube::LeaderElector> elector_;
  std::unique_ptr<ProbeServers> servers_;
  std::thread starter_;
  kube::StopSignal stop_;
  std::atomic<bool> synced_{false};
  std::atomic<bool> failed_{false};
  std::atomic<bool> stopped_{false};
  std::mutex workers_mutex_;  // start_workers() vs stop()
  bool workers_stopping_ = false;
  mutable std::mutex state_mutex_;
  mutable std::condition_variable state_cv_;
  std::string identity_;
};

// "<hostname>_<random hex>", unique per process (the Lease holder identity and the events' reporting instance).
std::string make_identity();

}  // namespace peregrine::controller
