// Jaeger's adaptive sampling calculation as pure functions over plain data. Each calculation interval:
//  1. the interval's throughput becomes the newest bucket (at most --sampling.aggregation-buckets are kept);
//  2. for every operation seen in any kept bucket, its QPS (count / bucket interval) is taken from up to
//     --sampling.buckets-for-calculation buckets, newest first, and averaged with weights i^4 (newest heaviest);
//  3. its new probability starts from the previous one (or --sampling.initial-sampling-probability):
//     - unchanged when |qps - target| / target < --sampling.delta-tolerance, or when the operation does not seem to
//       use adaptive sampling (its sampler did not report the probability we last calculated for it);
//     - doubled when its QPS is 0 (only lower-bound samples were seen);
//     - else previous * target / qps, an increase being capped at +100% per interval (decreases apply at once);
//     then clamped to [--sampling.min-sampling-probability, 1].
// Operations that have left every kept bucket are dropped.
#pragma once
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "backend/sampling/adaptive_options.hpp"
#include "backend/sampling/throughput.hpp"

namespace peregrine::sampling {

// What was decided for an operation in one calculation: the probability it started from and whether it was judged
// to be using adaptive sampling.
struct SamplingCacheEntry {
  double probability = 0;
  bool using_adaptive = false;
  bool operator==(const SamplingCacheEntry&) const = default;
};
using SamplingCache = std::map<std::string, std::map<std::string, SamplingCacheEntry>>;

// How many past calculations' SamplingCache are kept (Jaeger's serviceCacheSize).
inline constexpr size_t kServiceCacheSize = 25;

struct AdaptiveCalculatorState {
  std::deque<ThroughputBucket> buckets;      // newest first
  ServiceOperationValues probabilities;      // the latest calculated probabilities
  ServiceOperationValues qps;                // the latest weighted QPS
  std::deque<SamplingCache> service_cache;   // newest first
};

// Normalised weights w(i) = i^4, largest first: recency_weights(2) = {16/17, 1/17}.
std::vector<double> recency_weights(size_t length);
// Weighted average of QPS values given newest first (0 for none).
double weighted_qps(const std::vector<double>& qps_newest_first);
// Jaeger's PercentageIncreaseCappedCalculator: previous * target / current, where an increase is at most
// `increase_cap` (a ratio: 1.0 = +100%) of the previous probability.
double percentage_increase_capped(double target_qps, double current_qps, double previous_probability,
                                  double increase_cap);
// |actual - expected| / expected < tolerance.
bool within_tolerance(double actual, double expected, double tolerance);
// Whether the operation's sampler follows our probabilities: true for the initial probability; else true when the
// latest bucket saw the operation report `probability`; for an operation absent from the latest bucket, what the
// previous calculation decided (and only if its probability was not the initial one).
bool is_using_adaptive_sampling(double probability, const std::string& service, const std::string& operation,
                                const ServiceOperationThroughput& latest, const SamplingCache* previous_cache,
                                const AdaptiveSamplingOptions& options);
// The new probability of one operation (step 3 above).
double calculate_probability(double qps, double old_probability, bool using_adaptive,
                             const AdaptiveSamplingOptions& options);
// One calculation interval: steps 1-3, returning the next state.
AdaptiveCalculatorState advance(AdaptiveCalculatorState state, ThroughputBucket newest,
                                const AdaptiveSamplingOptions& options);

}  // namespace peregrine::sampling
