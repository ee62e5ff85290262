// A sampling strategy as Jaeger clients receive it (api_v2 SamplingStrategyResponse) as plain data:
// probabilistic or rate-limiting, optionally with per-operation probabilistic strategies.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peregrine::sampling {

enum class StrategyType { Probabilistic = 0, RateLimiting = 1 };

struct OperationStrategy {
  std::string operation;
  double sampling_rate = 0;
  bool operator==(const OperationStrategy&) const = default;
};

struct PerOperationStrategies {
  double default_sampling_probability = 0;
  double default_lower_bound_traces_per_second = 0;
  std::vector<OperationStrategy> per_operation_strategies;
  double default_upper_bound_traces_per_second = 0;
  bool operator==(const PerOperationStrategies&) const = default;
};

struct SamplingStrategy {
  StrategyType type = StrategyType::Probabilistic;
  std::optional<double> sampling_rate;             // probabilisticSampling.samplingRate
  std::optional<int32_t> max_traces_per_second;    // rateLimitingSampling.maxTracesPerSecond
  std::optional<PerOperationStrategies> operation_sampling;
  bool operator==(const SamplingStrategy&) const = default;

  static SamplingStrategy probabilistic(double rate) {
    SamplingStrategy s;
    s.type = StrategyType::Probabilistic;
    s.sampling_rate = rate;
    return s;
  }
  static SamplingStrategy rate_limiting(int32_t per_second) {
    SamplingStrategy s;
    s.type = StrategyType::RateLimiting;
    s.max_traces_per_second = per_second;
    return s;
  }
};

// Jaeger's default when no strategies file is configured (--sampling.default-sampling-probability).
inline constexpr double kDefaultSamplingProbability = 0.001;

}  // namespace peregrine::sampling
