// LeaderElector implementation on coordination.k8s.io/v1 Lease.
#include "operator/kube/leader_elector.hpp"

#include <spdlog/spdlog.h>

#include <cmath>

#include "operator/kube/declared_api_calls.hpp"
#include "operator/kube/k8s_time.hpp"
#include "operator/kube/well_known_resources.hpp"

namespace peregrine::kube {
namespace {

int lease_seconds(std::chrono::milliseconds d) {
  return std::max(1, static_cast<int>(std::ceil(static_cast<double>(d.count()) / 1000.0)));
}

std::string spec_string(const nlohmann::json& spec, const char* field) {
  auto it = spec.find(field);
  return it != spec.end() && it->is_string() ? it->get<std::string>() : "";
}

// Callbacks are user code: a throwing callback must not take the elector thread (and the process) down.
void run_callback(const std::function<void()>& fn, const char* what) {
  if (!fn) return;
  try {
    fn();
  } catch (const std::exception& e) {
    spdlog::error("leader election: {} callback failed: {}", what, e.what());
  }
}

int spec_int(const nlohmann::json& spec, const char* field, int fallback) {
  auto it = spec.find(field);
  return it != spec.end() && it->is_number_integer() ? it->get<int>() : fallback;
}

}  // namespace

LeaderElector::LeaderElector(std::shared_ptr<const RestClient> client, LeaderElectionConfig config)
    : client_(std::move(client)), config_(std::move(config)) {
  if (config_.lease_name.empty() || config_.lease_namespace.empty() || config_.identity.empty()) {
    throw std::invalid_argument("leader election needs a lease name, a lease namespace and an identity");
  }
  if (config_.renew_deadline >= config_.lease_duration) {
    throw std::invalid_argument("leader election: renew_deadline must be shorter than lease_duration");
  }
  DeclaredApiCalls::global().declare({"get", "create", "update"}, resources::kLeases);
}

LeaderElector::~LeaderElector() { stop(); }

std::string LeaderElector::observed_leader() const {
  std::lock_guard lock(mutex_);
  return observed_holder_;
}

void LeaderElector::observe(const nlohmann::json& spec) {
  const std::string holder = spec_string(spec, "holderIdentity");
  const std::string renew = spec_string(spec, "renewTime");
  bool holder_changed = false;
  {
    std::lock_guard lock(mutex_);
    if (holder != observed_holder_ || renew != observed_renew_time_) {
      holder_changed = holder != observed_holder_;
      observed_holder_ = holder;
      observed_renew_time_ = renew;
      observed_at_ = std::chrono::steady_clock::now();
    }
    observed_transitions_ = spec_int(spec, "leaseTransitions", 0);
  }
  if (holder_changed && config_.on_new_leader) run_callback([&] { config_.on_new_leader(holder); }, "on_new_leader");
}

nlohmann::json LeaderElector::build_spec(const nlohmann::json& old_spec, bool keep_acquire_time) const {
  const std::string now = format_micro_time(std::chrono::system_clock::now());
  const std::string old_holder = spec_string(old_spec, "holderIdentity");
  nlohmann::json spec = {
      {"holderIdentity", config_.identity},
      {"leaseDurationSeconds", lease_seconds(config_.lease_duration)},
      {"renewTime", now},
      {"acquireTime", keep_acquire_time && !spec_string(old_spec, "acquireTime").empty()
                          ? spec_string(old_spec, "acquireTime")
                          : now},
      {"leaseTransitions", spec_int(old_spec, "leaseTransitions", 0) + (old_holder != config_.identity ? 1 : 0)},
  };
  return spec;
}

bool LeaderElector::try_acquire_or_renew() {
  const auto& gvr = resources::kLeases;
  std::optional<nlohmann::json> lease;
  try {
    lease = client_->get_if_exists(gvr, config_.lease_namespace, config_.lease_name);
  } catch (const KubeError& e) {
    spdlog::debug("leader election {}: reading the lease failed: {}", config_.lease_name, e.what());
    return false;
  }
  if (!lease) {
    nlohmann::json created = {
        {"apiVersion", "coordination.k8s.io/v1"},
        {"kind", "Lease"},
        {"metadata", {{"name", config_.lease_name}, {"namespace", config_.lease_namespace}}},
        {"spec", build_spec(nlohmann::json::object(), false)},
    };
    created["spec"]["leaseTransitions"] = 0;
    try {
      auto answer = client_->create(gvr, config_.lease_namespace, created);
      observe(answer.value("spec", nlohmann::json::object()));
      return true;
    } catch (const KubeError& e) {
      spdlog::debug("leader election {}: creating the lease failed: {}", config_.lease_name, e.what());
      return false;
    }
  }
  const nlohmann::json old_spec = lease->value("spec", nlohmann::json::object());
  observe(old_spec);
  const std::string holder = spec_string(old_spec, "holderIdentity");
  const bool mine = holder == config_.identity;
  if (!holder.empty() && !mine) {
    const int duration_s = spec_int(old_spec, "leaseDurationSeconds", lease_seconds(config_.lease_duration));
    std::chrono::steady_clock::time_point observed_at;
    {
      std::lock_guard lock(mutex_);
      observed_at = observed_at_;
    }
    if (std::chrono::steady_clock::now() < observed_at + std::chrono::seconds(duration_s)) return false;
  }
  nlohmann::json updated = *lease;
  updated["spec"] = build_spec(old_spec, mine);
  try {
    auto answer = client_->update(gvr, config_.lease_namespace, updated);
    observe(answer.value("spec", nlohmann::json::object()));
    return true;
  } catch (const KubeError& e) {
    spdlog::debug("leader election {}: updating the lease failed: {}", config_.lease_name, e.what());
    return false;
  }
}

bool LeaderElector::release() {
  try {
    auto lease = client_->get_if_exists(resources::kLeases, config_.lease_namespace, config_.lease_name);
    if (!lease) return false;
    const nlohmann::json old_spec = lease->value("spec", nlohmann::json::object());
    if (spec_string(old_spec, "holderIdentity") != config_.identity) return false;
    const std::string now = format_micro_time(std::chrono::system_clock::now());
    nlohmann::json updated = *lease;
    updated["spec"] = {
        {"leaseDurationSeconds", 1},
        {"renewTime", now},
        {"acquireTime", now},
        {"leaseTransitions", spec_int(old_spec, "leaseTransitions", 0)},
    };
    auto answer = client_->update(resources::kLeases, config_.lease_namespace, updated);
    observe(answer.value("spec", nlohmann::json::object()));
    return true;
  } catch (const KubeError& e) {
    spdlog::warn("leader election {}: releasing the lease failed: {}", config_.lease_name, e.what());
    return false;
  }
}

void LeaderElector::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { run(); });
}

void LeaderElector::stop() {
  stop_.request_stop();
  if (thread_.joinable()) thread_.join();
}

void LeaderElector::run() {
  while (!stop_.stop_requested()) {
    // Acquire.
    while (!stop_.stop_requested() && !try_acquire_or_renew()) stop_.wait_for(config_.retry_period);
    if (stop_.stop_requested()) break;
    leading_ = true;
    spdlog::info("leader election {}: {} became the leader", config_.lease_name, config_.identity);
    run_callback(config_.on_started_leading, "on_started_leading");
    // Renew until stopped or the renew deadline passes without a successful renewal.
    auto last_renewal = std::chrono::steady_clock::now();
    bool lost = false;
    while (!stop_.wait_for(config_.retry_period)) {
      if (try_acquire_or_renew()) {
        last_renewal = std::chrono::steady_clock::now();
      } else if (std::chrono::steady_clock::now() - last_renewal >= config_.renew_deadline) {
        lost = true;
        break;
      }
    }
    if (!lost && config_.release_on_stop) release();
    leading_ = false;
    spdlog::info("leader election {}: {} stopped leading", config_.lease_name, config_.identity);
    run_callback(config_.on_stopped_leading, "on_stopped_leading");
  }
}

}  // namespace peregrine::kube
