// Wiring and life cycle of the running operator.
#include "operator/controller/controller_manager.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <random>

#include "operator/controller/served_api_versions.hpp"

namespace peregrine::controller {

namespace {

constexpr const char* kControllerName = "jaeger";

}  // namespace

std::string make_identity() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') std::snprintf(host, sizeof host, "peregrine-operator");
  std::random_device device;
  std::uniform_int_distribution<unsigned long long> digits;
  char suffix[20];
  std::snprintf(suffix, sizeof suffix, "%012llx", digits(device) & 0xffffffffffffULL);
  return std::string(host) + "_" + suffix;
}

ControllerManager::ControllerManager(ManagerSettings settings)
    : settings_(std::move(settings)), identity_(make_identity()) {
  kube::apply_rate_limit_overrides(settings_.client_config, settings_.options.kube_api_qps,
                                   settings_.options.kube_api_burst);
  if (settings_.client_config.user_agent == "peregrine-kube") {
    settings_.client_config.user_agent = "peregrine-operator/" + settings_.operator_version;
  }
  metrics_ = std::make_unique<ControllerMetrics>(registry_, kControllerName, settings_.options.workers);
  client_ = std::make_shared<kube::RestClient>(settings_.client_config);
  client_->set_request_observer([this](const kube::RequestRecord& record) { metrics_->observe_request(record); });
}

ControllerManager::~ControllerManager() { stop(); }

void ControllerManager::start() {
  const ServedApiVersions served = choose_api_versions([this](const std::string& path) -> std::optional<nlohmann::json> {
    try {
      return client_->get_path(path);
    } catch (const kube::ApiError& e) {
      if (e.code() == 404) return std::nullopt;
      throw;
    }
  });
  ReconcilerConfig config;
  config.operator_version = settings_.operator_version;
  config.render_context.operator_version = settings_.operator_version;
  config.render_context.image_overrides = settings_.image_overrides;
  config.render_context.autoscaling_api_version = served.autoscaling;
  config.render_context.cronjob_api_version = served.cronjob;
  const std::vector<OwnedKind> kinds = owned_kinds(config.render_context);
  declare_controller_api_calls(kinds);

  std::shared_ptr<const kube::RestClient> client = client_;
  caches_ = std::make_unique<ControllerCaches>(
      client, settings_.options.watch_namespaces, kinds, [this](const std::string& key) { queue_.add(key); },
      recent_writes_);
  events_ = std::make_unique<EventRecorder>(client, identity_);
  reconciler_ = std::make_unique<JaegerReconciler>(client, *caches_, recent_writes_, *events_, config);
  workers_ = std::make_unique<kube::WorkerPool>(
      queue_, settings_.options.workers,
      [this](const std::string& key) {
        metrics_->worker_started();
        try {
          const kube::ProcessResult result = reconciler_->reconcile(key);
          metrics_->worker_finished();
          return result;
        } catch (...) {
          metrics_->worker_finished();
          throw;
        }
      },
      [this](const std::string&, const kube::ProcessResult& result, std::chrono::nanoseconds duration,
             const std::string& error) { metrics_->observe_reconcile(result, duration, !error.empty()); });

  if (settings_.options.leader_elect) {
    kube::LeaderElectionConfig election;
    election.lease_namespace = settings_.options.lease_namespace.empty() ? settings_.client_config.default_namespace
                                                                        : settings_.options.lease_namespace;
    election.lease_name = settings_.options.leader_election_id;
    election.identity = identity_;
    election.on_started_leading = [this] {
      spdlog::info("became the leader ({}), starting {} workers", identity_, settings_.options.workers);
      metrics_->set_leader(true, settings_.options.leader_election_id);
      start_workers();
    };
    election.on_stopped_leading = [this] {
      metrics_->set_leader(false, settings_.options.leader_election_id);
      if (!stop_.stop_requested()) fail("leader election lost");
    };
    election.on_new_leader = [](const std::string& leader) { spdlog::info("the leader is now {}", leader); };
    elector_ = std::make_unique<kube::LeaderElector>(client, election);
    metrics_->set_leader(false, settings_.options.leader_election_id);
  }

  servers_ = std::make_unique<ProbeServers>(
      settings_.options.health_probe_bind_address, settings_.options.metrics_bind_address,
      [this] { return not_ready_reason(); }, [this] { return render_metrics(); });
  servers_->start();
  spdlog::info("peregrine-operator {} watching {} (API {}, {}, {}), health :{}, metrics :{}",
               settings_.operator_version,
               settings_.options.watch_namespaces.empty() ? std::string("all namespaces")
                                                          : std::to_string(settings_.options.watch_namespaces.size()) +
                                                                " namespace(s)",
               settings_.client_config.server, served.autoscaling, served.cronjob, servers_->health_port(),
               servers_->metrics_port());
  caches_->start();
  starter_ = std::thread([this] { start_when_synced(); });
}

void ControllerManager::start_when_synced() {
  while (!stop_.stop_requested()) {
    if (caches_->wait_for_sync(std::chrono::milliseconds(500))) break;
  }
  if (stop_.stop_requested()) return;
  synced_ = true;
  spdlog::info("caches synced: {} Jaeger(s) cached", caches_->jaegers().size());
  if (elector_) {
    elector_->start();
  } else {
    start_workers();
  }
}

void ControllerManager::start_workers() {
  std::lock_guard lock(workers_mutex_);
  if (!workers_stopping_) workers_->start();
}

void ControllerManager::fail(const std::string& why) {
  spdlog::error("{}", why);
  {
    std::lock_guard lock(state_mutex_);
    failed_ = true;
  }
  state_cv_.notify_all();
}

bool ControllerManager::wait_for_failure(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(state_mutex_);
  state_cv_.wait_for(lock, timeout, [this] { return failed_.load() || stopped_.load(); });
  return failed_.load();
}

void ControllerManager::stop() {
  if (stopped_.exchange(true)) return;
  state_cv_.notify_all();
  stop_.request_stop();
  if (starter_.joinable()) starter_.join();
  {
    std::lock_guard lock(workers_mutex_);
    workers_stopping_ = true;
  }
  if (workers_) workers_->stop();  // in-flight reconciles finish before the lease is released
  if (elector_) elector_->stop();
  if (caches_) caches_->stop();
  if (servers_) servers_->stop();
}

std::string ControllerManager::not_ready_reason() const {
  if (failed_) return "leader election lost";
  if (!synced_) return "informer caches are not synced";
  return "";
}

uint16_t ControllerManager::health_port() const { return servers_ ? servers_->health_port() : 0; }
uint16_t ControllerManager::metrics_port() const { return servers_ ? servers_->metrics_port() : 0; }

std::string ControllerManager::render_metrics() {
  metrics_->refresh(queue_.stats(), caches_ ? caches_->stats() : kube::InformerStats{});
  return registry_.render();
}

}  // namespace peregrine::controller
