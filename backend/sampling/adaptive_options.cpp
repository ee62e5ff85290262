// Adaptive sampling flags (Jaeger v1 names and defaults) and their validation.
#include "backend/sampling/adaptive_options.hpp"

namespace peregrine::sampling {

void define_adaptive_sampling_flags(common::Config& config) {
  config.define("sampling.config-type", "file",
                "Sampling strategy provider (env SAMPLING_CONFIG_TYPE): file (strategies file / defaults) or adaptive");
  config.define("sampling.target-samples-per-second", "1", "The global target rate of samples per operation.");
  config.define("sampling.delta-tolerance", "0.3",
                "The acceptable amount of deviation between the observed samples-per-second and the desired (target) "
                "samples-per-second, expressed as a ratio.");
  config.define("sampling.buckets-for-calculation", "1",
                "How many of the most recent throughput buckets are used in calculating the weighted QPS "
                "(1 = only the most recent).");
  config.define("sampling.calculation-interval", "1m0s",
                "How often new sampling probabilities are calculated. Recommended to be greater than the polling "
                "interval of your clients.");
  config.define("sampling.aggregation-buckets", "10", "Amount of historical data to keep in memory.");
  config.define("sampling.delay", "2m0s",
                "Determines how far back the most recent state is. Use this if you want to add some buffer time for "
                "the aggregation to finish.");
  config.define("sampling.initial-sampling-probability", "0.001",
                "The initial sampling probability for all new operations.");
  config.define("sampling.min-sampling-probability", "1e-05", "The minimum sampling probability for all operations.");
  config.define("sampling.min-samples-per-second", "0.016666666666666666",
                "The minimum number of traces that are sampled per second.");
  config.define("sampling.leader-lease-refresh-interval", "5s",
                "Leader lease refresh interval (accepted for compatibility: Peregrine calculates in-process, without "
                "leader election).");
  config.define("sampling.follower-lease-refresh-interval", "1m0s",
                "Follower lease refresh interval (accepted for compatibility: Peregrine calculates in-process, "
                "without leader election).");
}

SamplingConfigType sampling_config_type_from_config(const common::Config& config) {
  const std::string type = config.get("sampling.config-type");
  if (type.empty() || type == "file") return SamplingConfigType::File;
  if (type == "adaptive") return SamplingConfigType::Adaptive;
  throw common::ConfigError("unknown sampling strategy provider type " + type +
                            " (SAMPLING_CONFIG_TYPE must be file or adaptive)");
}

void validate_adaptive_options(const AdaptiveSamplingOptions& o) {
  if (o.calculation_interval.count() <= 0 || o.aggregation_buckets <= 0)
    throw common::ConfigError("CalculationInterval and AggregationBuckets must be greater than 0");
  if (o.buckets_for_calculation < 1) throw common::ConfigError("BucketsForCalculation cannot be less than 1");
  if (o.target_samples_per_second <= 0)
    throw common::ConfigError("--sampling.target-samples-per-second must be greater than 0");
  if (o.delay.count() < 0) throw common::ConfigError("--sampling.delay must not be negative");
}

AdaptiveSamplingOptions adaptive_options_from_config(const common::Config& config) {
  AdaptiveSamplingOptions o;
  o.target_samples_per_second = config.get_double("sampling.target-samples-per-second");
  o.delta_tolerance = config.get_double("sampling.delta-tolerance");
  o.buckets_for_calculation = static_cast<int>(config.get_int("sampling.buckets-for-calculation"));
  o.calculation_interval = config.get_duration("sampling.calculation-interval");
  o.aggregation_buckets = static_cast<int>(config.get_int("sampling.aggregation-buckets"));
  o.delay = config.get_duration("sampling.delay");
  o.initial_sampling_probability = config.get_double("sampling.initial-sampling-probability");
  o.min_sampling_probability = config.get_double("sampling.min-sampling-probability");
  o.min_samples_per_second = config.get_double("sampling.min-samples-per-second");
  o.leader_lease_refresh_interval = config.get_duration("sampling.leader-lease-refresh-interval");
  o.follower_lease_refresh_interval = config.get_duration("sampling.follower-lease-refresh-interval");
  validate_adaptive_options(o);
  return o;
}

}  // namespace peregrine::sampling
