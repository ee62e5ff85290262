// Jaeger's adaptive sampling calculation, checked against worked examples derived by hand from the algorithm
// (see backend/sampling/adaptive_calculation.hpp): weights, the capped increase, tolerance, the zero-QPS doubling,
// clamping, the "is this operation using adaptive sampling" rule, multi-bucket weighting and bucket expiry.
#include "backend/sampling/adaptive_calculation.hpp"

#include <gtest/gtest.h>

namespace peregrine::sampling {
namespace {

using std::chrono::seconds;

OperationThroughput seen(int64_t count, std::set<std::string> probabilities) {
  return OperationThroughput{count, std::move(probabilities)};
}

ThroughputBucket bucket(seconds interval, ServiceOperationThroughput t) { return ThroughputBucket{std::move(t), interval}; }

TEST(AdaptiveCalculation, RecencyWeightsAreFourthPowersNewestFirst) {
  EXPECT_EQ(recency_weights(1), std::vector<double>{1.0});
  auto two = recency_weights(2);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_DOUBLE_EQ(two[0], 16.0 / 17.0);
  EXPECT_DOUBLE_EQ(two[1], 1.0 / 17.0);
  auto three = recency_weights(3);
  EXPECT_DOUBLE_EQ(three[0], 81.0 / 98.0);
  EXPECT_DOUBLE_EQ(three[1], 16.0 / 98.0);
  EXPECT_DOUBLE_EQ(three[2], 1.0 / 98.0);
}

TEST(AdaptiveCalculation, WeightedQps) {
  EXPECT_EQ(weighted_qps({}), 0);
  EXPECT_DOUBLE_EQ(weighted_qps({7}), 7);
  EXPECT_DOUBLE_EQ(weighted_qps({10, 20}), 180.0 / 17.0);  // 10·16/17 + 20·1/17
}

TEST(AdaptiveCalculation, PercentageIncreaseCapped) {
  EXPECT_NEAR(percentage_increase_capped(1, 2, 0.1, 0.5), 0.05, 1e-12);     // decreases apply at once
  EXPECT_NEAR(percentage_increase_capped(1, 0.5, 0.1, 0.5), 0.15, 1e-12);   // +100% wanted, +50% allowed
  EXPECT_NEAR(percentage_increase_capped(1, 0.8, 0.1, 0.5), 0.125, 1e-12);  // +25% is under the cap
  EXPECT_NEAR(percentage_increase_capped(1, 0.25, 0.1, 1.0), 0.2, 1e-12);   // x4 wanted, doubling allowed
}

TEST(AdaptiveCalculation, WithinTolerance) {
  EXPECT_TRUE(within_tolerance(1.2, 1, 0.3));
  EXPECT_TRUE(within_tolerance(0.75, 1, 0.3));
  EXPECT_FALSE(within_tolerance(0.6, 1, 0.3));
  EXPECT_FALSE(within_tolerance(2, 1, 0.3));
}

TEST(AdaptiveCalculation, CalculateProbability) {
  AdaptiveSamplingOptions o;  // target 1/s, tolerance 0.3, min probability 1e-5
  EXPECT_EQ(calculate_probability(1.1, 0.01, true, o), 0.01);     // close enough: unchanged
  EXPECT_EQ(calculate_probability(10, 0.01, false, o), 0.01);     // not adaptive: unchanged
  EXPECT_DOUBLE_EQ(calculate_probability(0, 0.001, true, o), 0.002);   // no probabilistic samples: doubled
  EXPECT_DOUBLE_EQ(calculate_probability(10, 0.001, true, o), 0.0001);  // 10x too many: /10
  EXPECT_DOUBLE_EQ(calculate_probability(1e6, 0.001, true, o), 1e-5);  // clamped to the minimum
  EXPECT_DOUBLE_EQ(calculate_probability(0.1, 0.6, true, o), 1.0);     // doubled to 1.2, clamped to 1
}

TEST(AdaptiveCalculation, IsUsingAdaptiveSampling) {
  AdaptiveSamplingOptions o;
  ServiceOperationThroughput latest{{"svc", {{"op", seen(5, {"0.010000"})}}}};
  SamplingCache previous{{"svc", {{"gone", SamplingCacheEntry{0.05, true}}, {"fresh", SamplingCacheEntry{0.001, true}}}}};
  EXPECT_TRUE(is_using_adaptive_sampling(0.001, "svc", "anything", latest, nullptr, o));  // initial probability
  EXPECT_TRUE(is_using_adaptive_sampling(0.01, "svc", "op", latest, nullptr, o));         // reported 0.01
  EXPECT_TRUE(is_using_adaptive_sampling(0.0100000001, "svc", "op", latest, nullptr, o)); // same to 6 decimals
  EXPECT_FALSE(is_using_adaptive_sampling(0.02, "svc", "op", latest, nullptr, o));        // reported another one
  EXPECT_TRUE(is_using_adaptive_sampling(0.05, "svc", "gone", latest, &previous, o));     // previous verdict
  EXPECT_FALSE(is_using_adaptive_sampling(0.05, "svc", "fresh", latest, &previous, o));   // was only initial
  EXPECT_FALSE(is_using_adaptive_sampling(0.05, "svc", "unknown", latest, &previous, o));
}

// Two rounds with Jaeger's defaults (target 1/s, initial 0.001, one bucket for calculation), 60 s buckets.
TEST(AdaptiveCalculation, AdvanceWorkedExample) {
  AdaptiveSamplingOptions o;
  AdaptiveCalculatorState s;
  s = advance(std::move(s),
              bucket(seconds(60), {{"svcA", {{"GET", seen(600, {"0.001000"})}, {"PUT", seen(15, {"0.001000"})}}},
                                   {"svcB", {{"low", seen(0, {"0.001000"})}}}}),
              o);
  // GET: 10/s → 0.001/10. PUT: 0.25/s wants x4, capped at x2. low: 0/s → doubled.
  EXPECT_DOUBLE_EQ(s.probabilities["svcA"]["GET"], 0.0001);
  EXPECT_DOUBLE_EQ(s.probabilities["svcA"]["PUT"], 0.002);
  EXPECT_DOUBLE_EQ(s.probabilities["svcB"]["low"], 0.002);
  EXPECT_DOUBLE_EQ(s.qps["svcA"]["GET"], 10);
  EXPECT_DOUBLE_EQ(s.qps["svcA"]["PUT"], 0.25);
  EXPECT_DOUBLE_EQ(s.qps["svcB"]["low"], 0);

  s = advance(std::move(s),
              bucket(seconds(60), {{"svcA", {{"GET", seen(60, {"0.000100"})}, {"PUT", seen(30, {"0.002000"})}}}}), o);
  EXPECT_DOUBLE_EQ(s.probabilities["svcA"]["GET"], 0.0001);  // 1/s: on target
  EXPECT_DOUBLE_EQ(s.probabilities["svcA"]["PUT"], 0.004);   // 0.5/s: doubled
  // "low" is absent from the newest bucket; its QPS comes from the older one (0/s), but the previous round only knew
  // it at the initial probability, so it is not judged adaptive and keeps 0.002.
  EXPECT_DOUBLE_EQ(s.probabilities["svcB"]["low"], 0.002);
  EXPECT_EQ(s.service_cache.size(), 2u);
  EXPECT_EQ(s.service_cache[0]["svcA"]["PUT"], (SamplingCacheEntry{0.002, true}));
}

TEST(AdaptiveCalculation, OperationNotFollowingOurProbabilityKeepsIt) {
  AdaptiveSamplingOptions o;
  AdaptiveCalculatorState s;
  s = advance(std::move(s), bucket(seconds(60), {{"svc", {{"op", seen(15, {"0.001000"})}}}}), o);
  ASSERT_DOUBLE_EQ(s.probabilities["svc"]["op"], 0.002);
  // The client keeps sampling at 0.5 (e.g. a fixed probabilistic sampler): not adaptive, nothing changes.
  s = advance(std::move(s), bucket(seconds(60), {{"svc", {{"op", seen(6000, {"0.500000"})}}}}), o);
  EXPECT_DOUBLE_EQ(s.probabilities["svc"]["op"], 0.002);
  EXPECT_FALSE(s.service_cache[0]["svc"]["op"].using_adaptive);
}

TEST(AdaptiveCalculation, BucketsForCalculationWeightsRecentBuckets) {
  AdaptiveSamplingOptions o;
  o.buckets_for_calculation = 2;
  o.initial_sampling_probability = 0.1;
  AdaptiveCalculatorState s;
  s = advance(std::move(s), bucket(seconds(10), {{"svc", {{"op", seen(100, {"0.100000"})}}}}), o);  // 10/s
  EXPECT_DOUBLE_EQ(s.probabilities["svc"]["op"], 0.01);
  s = advance(std::move(s), bucket(seconds(10), {{"svc", {{"op", seen(200, {"0.010000"})}}}}), o);  // 20/s
  EXPECT_DOUBLE_EQ(s.qps["svc"]["op"], 330.0 / 17.0);  // 20·16/17 + 10·1/17
  EXPECT_DOUBLE_EQ(s.probabilities["svc"]["op"], 0.01 * 17.0 / 330.0);
}

TEST(AdaptiveCalculation, OperationsExpireWithTheirBuckets) {
  AdaptiveSamplingOptions o;
  o.aggregation_buckets = 2;
  AdaptiveCalculatorState s;
  s = advance(std::move(s), bucket(seconds(60), {{"svc", {{"old", seen(60, {"0.001000"})}}}}), o);
  s = advance(std::move(s), bucket(seconds(60), {{"svc", {{"new", seen(60, {"0.001000"})}}}}), o);
  EXPECT_EQ(s.probabilities["svc"].count("old"), 1u);
  s = advance(std::move(s), bucket(seconds(60), {}), o);
  EXPECT_EQ(s.buckets.size(), 2u);
  EXPECT_EQ(s.probabilities["svc"].count("old"), 0u);
  EXPECT_EQ(s.probabilities["svc"].count("new"), 1u);
}

}  // namespace
}  // namespace peregrine::sampling
