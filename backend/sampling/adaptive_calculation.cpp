// Jaeger's adaptive sampling calculation (see the header for the algorithm).
#include "backend/sampling/adaptive_calculation.hpp"

#include <algorithm>
#include <cmath>

namespace peregrine::sampling {
namespace {

// Jaeger lets a probability at most double per interval (PercentageIncreaseCappedCalculator(1.0)).
constexpr double kProbabilityIncreaseCap = 1.0;
constexpr double kMaxSamplingProbability = 1.0;

bool float_equals(double a, double b) { return std::fabs(a - b) < 1e-10; }

double seconds_of(std::chrono::nanoseconds d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

std::vector<double> recency_weights(size_t length) {
  std::vector<double> weights;
  weights.reserve(length);
  double sum = 0;
  for (size_t i = length; i > 0; --i) {
    const double w = std::pow(static_cast<double>(i), 4);
    weights.push_back(w);
    sum += w;
  }
  for (double& w : weights) w /= sum;
  return weights;
}

double weighted_qps(const std::vector<double>& qps_newest_first) {
  if (qps_newest_first.empty()) return 0;
  const auto weights = recency_weights(qps_newest_first.size());
  double qps = 0;
  for (size_t i = 0; i < qps_newest_first.size(); ++i) qps += qps_newest_first[i] * weights[i];
  return qps;
}

double percentage_increase_capped(double target_qps, double current_qps, double previous_probability,
                                  double increase_cap) {
  const double factor = target_qps / current_qps;
  double probability = previous_probability * factor;
  if (factor > 1.0) {
    const double increase = (probability - previous_probability) / previous_probability;
    if (increase > increase_cap) probability = previous_probability + previous_probability * increase_cap;
  }
  return probability;
}

bool within_tolerance(double actual, double expected, double tolerance) {
  return std::fabs(actual - expected) / expected < tolerance;
}

bool is_using_adaptive_sampling(double probability, const std::string& service, const std::string& operation,
                                const ServiceOperationThroughput& latest, const SamplingCache* previous_cache,
                                const AdaptiveSamplingOptions& options) {
  // A newly seen operation is assumed to be adaptive; if it is not, the next round's probability differs from the
  // initial one and the checks below apply.
  if (float_equals(probability, options.initial_sampling_probability)) return true;
  if (auto svc = latest.find(service); svc != latest.end()) {
    if (auto op = svc->second.find(operation); op != svc->second.end())
      return op->second.probabilities.count(truncate_probability(probability)) > 0;
  }
  // Not seen in the latest interval: keep the previous calculation's verdict.
  if (previous_cache) {
    if (auto svc = previous_cache->find(service); svc != previous_cache->end()) {
      if (auto op = svc->second.find(operation); op != svc->second.end())
        return op->second.using_adaptive && !float_equals(op->second.probability, options.initial_sampling_probability);
    }
  }
  return false;
}

double calculate_probability(double qps, double old_probability, bool using_adaptive,
                             const AdaptiveSamplingOptions& options) {
  if (within_tolerance(qps, options.target_samples_per_second, options.delta_tolerance) || !using_adaptive)
    return old_probability;
  // QPS 0 (only lower-bound samples): double the probability so that probabilistic samples start to appear.
  const double probability =
      float_equals(qps, 0) ? old_probability * 2.0
                           : percentage_increase_capped(options.target_samples_per_second, qps, old_probability,
                                                        kProbabilityIncreaseCap);
  return std::min(kMaxSamplingProbability, std::max(options.min_sampling_probability, probability));
}

AdaptiveCalculatorState advance(AdaptiveCalculatorState state, ThroughputBucket newest,
                                const AdaptiveSamplingOptions& options) {
  if (newest.interval.count() <= 0) newest.interval = options.calculation_interval;
  state.buckets.push_front(std::move(newest));
  while (state.buckets.size() > static_cast<size_t>(std::max(1, options.aggregation_buckets))) state.buckets.pop_back();
  state.service_cache.emplace_front();
  while (state.service_cache.size() > kServiceCacheSize) state.service_cache.pop_back();

  // QPS per operation from up to buckets_for_calculation buckets (newest first) in which the operation appears.
  std::map<std::string, std::map<std::string, std::vector<double>>> qps_lists;
  const size_t per_operation = static_cast<size_t>(std::max(1, options.buckets_for_calculation));
  for (const auto& bucket : state.buckets) {
    const double seconds = seconds_of(bucket.interval);
    for (const auto& [service, operations] : bucket.throughput) {
      auto& service_lists = qps_lists[service];
      for (const auto& [operation, throughput] : operations) {
        auto& list = service_lists[operation];
        if (list.size() < per_operation) list.push_back(static_cast<double>(throughput.count) / seconds);
      }
    }
  }

  const ServiceOperationThroughput& latest = state.buckets.front().throughput;
  const SamplingCache* previous_cache = state.service_cache.size() > 1 ? &state.service_cache[1] : nullptr;
  SamplingCache& current_cache = state.service_cache.front();
  ServiceOperationValues probabilities;
  ServiceOperationValues qps;
  for (const auto& [service, operations] : qps_lists) {
    for (const auto& [operation, list] : operations) {
      const double avg_qps = weighted_qps(list);
      double old_probability = options.initial_sampling_probability;
      if (auto svc = state.probabilities.find(service); svc != state.probabilities.end()) {
        if (auto op = svc->second.find(operation); op != svc->second.end()) old_probability = op->second;
      }
      const bool adaptive =
          is_using_adaptive_sampling(old_probability, service, operation, latest, previous_cache, options);
      current_cache[service][operation] = SamplingCacheEntry{old_probability, adaptive};
      qps[service][operation] = avg_qps;
      probabilities[service][operation] = calculate_probability(avg_qps, old_probability, adaptive, options);
    }
  }
  state.probabilities = std::move(probabilities);
  state.qps = std::move(qps);
  return state;
}

}  // namespace peregrine::sampling
