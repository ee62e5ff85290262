// LeaderElector: leader election on a coordination.k8s.io/v1 Lease, with client-go's rules. A candidate takes
// the lease when it is absent, released (no holder) or expired — judged by the local time since the record
// last changed, not by the holder's clock. The leader renews every retry_period and steps down when no renewal
// succeeds within renew_deadline; stop() releases the lease so another candidate takes over at once.
// Callbacks run on the elector's thread and must not block (start workers, then return).
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "operator/kube/rest_client.hpp"
#include "operator/kube/stop_signal.hpp"

namespace peregrine::kube {

struct LeaderElectionConfig {
  std::string lease_namespace;
  std::string lease_name;
  std::string identity;  // unique per candidate, e.g. "<pod name>_<random>"
  std::chrono::milliseconds lease_duration{15000};
  std::chrono::milliseconds renew_deadline{10000};
  std::chrono::milliseconds retry_period{2000};
  bool release_on_stop = true;
  std::function<void()> on_started_leading;
  std::function<void()> on_stopped_leading;
  std::function<void(const std::string& leader_identity)> on_new_leader;  // any observed holder change
};

class LeaderElector {
 public:
  // Declares get/create/update of coordination.k8s.io leases in DeclaredApiCalls::global().
  LeaderElector(std::shared_ptr<const RestClient> client, LeaderElectionConfig config);
  ~LeaderElector();  // stop()
  LeaderElector(const LeaderElector&) = delete;
  LeaderElector& operator=(const LeaderElector&) = delete;

  // Runs acquire → lead → (lost → acquire again) on a background thread until stop().
  void start();
  // Stops; when leading, releases the lease (if release_on_stop) and calls on_stopped_leading. Idempotent.
  void stop();

  bool is_leader() const { return leading_.load(); }
  // The holder identity last seen in the Lease ("" when none).
  std::string observed_leader() const;

  // One acquire-or-renew round against the API; true when this candidate holds the lease afterwards.
  bool try_acquire_or_renew();
  // Gives the lease up if this candidate holds it (holder cleared, duration 1s). True when released.
  bool release();

 private:
  void run();
  void observe(const nlohmann::json& spec);
  nlohmann::json build_spec(const nlohmann::json& old_spec, bool keep_acquire_time) const;

  std::shared_ptr<const RestClient> client_;
  LeaderElectionConfig config_;
  StopSignal stop_;
  std::thread thread_;
  std::atomic<bool> leading_{false};
  mutable std::mutex mutex_;
  std::string observed_holder_;
  std::string observed_renew_time_;
  std::chrono::steady_clock::time_point observed_at_{};
  int observed_transitions_ = 0;
};

}  // namespace peregrine::kube
