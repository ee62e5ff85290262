// Options of Jaeger's adaptive sampling (SAMPLING_CONFIG_TYPE=adaptive) with Jaeger v1's flag names and defaults:
//   sampling.target-samples-per-second 1, sampling.delta-tolerance 0.3, sampling.buckets-for-calculation 1,
//   sampling.calculation-interval 1m, sampling.aggregation-buckets 10, sampling.delay 2m,
//   sampling.initial-sampling-probability 0.001, sampling.min-sampling-probability 1e-5,
//   sampling.min-samples-per-second 1/60, sampling.leader-lease-refresh-interval 5s,
//   sampling.follower-lease-refresh-interval 60s.
// The two lease intervals are accepted and validated but unused: Peregrine computes probabilities in-process for one
// collector (or all-in-one), so there is no leader election.
#pragma once
#include <chrono>
#include <string>

#include "backend/common/config.hpp"

namespace peregrine::sampling {

// Which strategy provider the collector uses (env SAMPLING_CONFIG_TYPE / flag sampling.config-type).
enum class SamplingConfigType { File, Adaptive };

struct AdaptiveSamplingOptions {
  double target_samples_per_second = 1;
  double delta_tolerance = 0.3;
  int buckets_for_calculation = 1;
  std::chrono::nanoseconds calculation_interval = std::chrono::minutes(1);
  int aggregation_buckets = 10;
  std::chrono::nanoseconds delay = std::chrono::minutes(2);
  double initial_sampling_probability = 0.001;
  double min_sampling_probability = 1e-5;
  double min_samples_per_second = 1.0 / 60.0;
  std::chrono::nanoseconds leader_lease_refresh_interval = std::chrono::seconds(5);
  std::chrono::nanoseconds follower_lease_refresh_interval = std::chrono::seconds(60);
};

// Declares sampling.config-type and every adaptive flag above.
void define_adaptive_sampling_flags(common::Config& config);
// "file" (default, also "") or "adaptive"; anything else throws common::ConfigError.
SamplingConfigType sampling_config_type_from_config(const common::Config& config);
// Reads and validates the options (Jaeger's rules: calculation interval and aggregation buckets > 0, buckets for
// calculation >= 1); throws common::ConfigError otherwise.
AdaptiveSamplingOptions adaptive_options_from_config(const common::Config& config);
// The same validation for options built in code.
void validate_adaptive_options(const AdaptiveSamplingOptions& options);

}  // namespace peregrine::sampling
