// AdaptiveStrategyProvider with an injected clock and no background thread: calculations are driven explicitly, so
// the delay window, the bucket intervals and the served strategies are checked without timing.
#include "backend/sampling/adaptive_strategy_provider.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "backend/common/config.hpp"
#include "backend/sampling/strategy_json.hpp"

namespace peregrine::sampling {
namespace {

using Clock = AdaptiveStrategyProvider::Clock;
using std::chrono::seconds;

const RootSpanSampler kProbabilistic{RootSamplerType::Probabilistic, 0.001};

void record(AdaptiveStrategyProvider& p, const std::string& op, int n, RootSpanSampler sampler = kProbabilistic) {
  for (int i = 0; i < n; ++i) p.aggregator().record("svc", op, sampler);
}

TEST(AdaptiveStrategyProvider, ServesTheDefaultStrategyBeforeAnyCalculation) {
  AdaptiveStrategyProvider p(AdaptiveSamplingOptions{}, false);
  EXPECT_EQ(strategy_to_json(p.get_sampling_strategy("anyone")),
            R"({"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.001},)"
            R"("operationSampling":{"defaultSamplingProbability":0.001,)"
            R"("defaultLowerBoundTracesPerSecond":0.016666666666666666,"perOperationStrategies":[],)"
            R"("defaultUpperBoundTracesPerSecond":0}})");
}

TEST(AdaptiveStrategyProvider, CalculatesFromCountsOlderThanTheDelay) {
  const auto t0 = Clock::time_point{} + std::chrono::hours(1);
  auto now = t0;
  AdaptiveSamplingOptions o;  // interval 1m, delay 2m
  AdaptiveStrategyProvider p(o, false, [&] { return now; });

  record(p, "slow", 15);    // 0.25/s over the minute (t0, t0+60]
  record(p, "busy", 600);   // 10/s
  p.run_calculation(t0 + seconds(60));   // window (t0-120, t0-60]: nothing yet
  EXPECT_TRUE(p.probabilities().empty());
  p.run_calculation(t0 + seconds(120));  // window (t0-60, t0]
  EXPECT_TRUE(p.probabilities().empty());
  p.run_calculation(t0 + seconds(180));  // window (t0, t0+60]: the counts saved at t0+60
  auto probabilities = p.probabilities();
  EXPECT_DOUBLE_EQ(probabilities["svc"]["slow"], 0.002);
  EXPECT_DOUBLE_EQ(probabilities["svc"]["busy"], 0.0001);
  EXPECT_EQ(p.calculations(), 3u);

  auto s = p.get_sampling_strategy("svc");
  ASSERT_TRUE(s.operation_sampling);
  EXPECT_EQ(s.operation_sampling->per_operation_strategies,
            (std::vector<OperationStrategy>{{"busy", 0.0001}, {"slow", 0.002}}));
  EXPECT_EQ(s.operation_sampling->default_sampling_probability, 0.001);
  EXPECT_EQ(p.get_sampling_strategy("other").operation_sampling->per_operation_strategies.size(), 0u);
}

TEST(AdaptiveStrategyProvider, ConvergesTowardTheTarget) {
  auto now = Clock::time_point{} + std::chrono::hours(1);
  AdaptiveSamplingOptions o;
  o.delay = seconds(0);
  o.calculation_interval = seconds(10);
  AdaptiveStrategyProvider p(o, false, [&] { return now; });
  // An operation with 100 requests/s whose client samples at whatever probability we serve.
  double probability = o.initial_sampling_probability;
  for (int round = 0; round < 12; ++round) {
    const int sampled = static_cast<int>(std::lround(100 * probability * 10));  // over the 10 s interval
    record(p, "op", sampled, RootSpanSampler{RootSamplerType::Probabilistic, probability});
    now += seconds(10);
    p.run_calculation();
    probability = p.probabilities()["svc"]["op"];
  }
  // 100/s at p gives 100·p samples/s: 0.001 → 0.1/s, doubled each round (0.002, 0.004, 0.008) until 0.8/s is
  // within the 30 % tolerance of the 1/s target.
  EXPECT_DOUBLE_EQ(probability, 0.008);
}

TEST(AdaptiveStrategyProvider, BackgroundThreadCalculatesEveryInterval) {
  AdaptiveSamplingOptions o;
  o.calculation_interval = std::chrono::milliseconds(5);
  o.delay = seconds(0);
  AdaptiveStrategyProvider p(o, true);
  record(p, "op", 1);
  for (int i = 0; i < 20000 && p.calculations() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_GE(p.calculations(), 2u);
}

TEST(AdaptiveOptions, JaegerFlagNamesAndDefaults) {
  common::Config cfg;
  define_adaptive_sampling_flags(cfg);
  const char* argv[] = {"x"};
  cfg.parse(1, argv, {});
  auto o = adaptive_options_from_config(cfg);
  EXPECT_EQ(o.target_samples_per_second, 1);
  EXPECT_EQ(o.delta_tolerance, 0.3);
  EXPECT_EQ(o.buckets_for_calculation, 1);
  EXPECT_EQ(o.calculation_interval, std::chrono::minutes(1));
  EXPECT_EQ(o.aggregation_buckets, 10);
  EXPECT_EQ(o.delay, std::chrono::minutes(2));
  EXPECT_EQ(o.initial_sampling_probability, 0.001);
  EXPECT_EQ(o.min_sampling_probability, 1e-5);
  EXPECT_DOUBLE_EQ(o.min_samples_per_second, 1.0 / 60);
  EXPECT_EQ(o.leader_lease_refresh_interval, seconds(5));
  EXPECT_EQ(o.follower_lease_refresh_interval, seconds(60));
  EXPECT_EQ(sampling_config_type_from_config(cfg), SamplingConfigType::File);
}

TEST(AdaptiveOptions, EnvironmentAndValidation) {
  common::Config cfg;
  define_adaptive_sampling_flags(cfg);
  const char* argv[] = {"x", "--sampling.calculation-interval=10s"};
  cfg.parse(2, argv, {{"SAMPLING_CONFIG_TYPE", "adaptive"}, {"SAMPLING_TARGET_SAMPLES_PER_SECOND", "5"}});
  EXPECT_EQ(sampling_config_type_from_config(cfg), SamplingConfigType::Adaptive);
  auto o = adaptive_options_from_config(cfg);
  EXPECT_EQ(o.target_samples_per_second, 5);
  EXPECT_EQ(o.calculation_interval, seconds(10));

  common::Config bad;
  define_adaptive_sampling_flags(bad);
  const char* bad_argv[] = {"x", "--sampling.buckets-for-calculation=0", "--sampling.config-type=cassandra"};
  bad.parse(3, bad_argv, {});
  EXPECT_THROW(adaptive_options_from_config(bad), common::ConfigError);
  EXPECT_THROW(sampling_config_type_from_config(bad), common::ConfigError);
}

}  // namespace
}  // namespace peregrine::sampling
