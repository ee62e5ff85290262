// AdaptiveStrategyProvider (SAMPLING_CONFIG_TYPE=adaptive): Jaeger's adaptive sampling for one collector or the
// all-in-one, with in-memory state. Every --sampling.calculation-interval a background thread (or a test, through
// run_calculation) saves the aggregator's counts with the current time, turns the counts saved up to
// now - --sampling.delay into the newest throughput bucket and runs the calculation (adaptive_calculation.hpp).
// Services with calculated probabilities get
//   {"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":<initial>},
//    "operationSampling":{"defaultSamplingProbability":<initial>,
//    "defaultLowerBoundTracesPerSecond":<min-samples-per-second>,"perOperationStrategies":[...]}}
// (operations sorted by name); any other service gets the same with no per-operation strategies. Jaeger leaves
// probabilisticSampling out; Peregrine adds it (clients that see operationSampling ignore it) because OpenTelemetry's
// JaegerRemoteSampler reads probabilisticSampling whenever perOperationStrategies is empty.
// Not shared between collectors: each collector computes from the spans it receives. Jaeger v1 shares throughput and
// probabilities through a sampling store plus a distributed lock (one leader calculates, followers read), but only
// for memory, badger (single-process locks) and cassandra (lease table). Its Elasticsearch/OpenSearch factory has the
// sampling-store half (jaeger-sampling-<date> indices) and no lock, so Jaeger does not accept ES as a sampling store
// (SAMPLING_STORAGE_TYPE=elasticsearch: "storage factory of type elasticsearch does not support sampling store");
// there is therefore no Jaeger ES protocol for Peregrine to be compatible with, and none is implemented here.
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "backend/sampling/adaptive_calculation.hpp"
#include "backend/sampling/adaptive_options.hpp"
#include "backend/sampling/strategy_provider.hpp"
#include "backend/sampling/throughput_aggregator.hpp"

namespace peregrine::sampling {

class AdaptiveStrategyProvider : public StrategyProvider {
 public:
  using Clock = std::chrono::steady_clock;
  using NowFunction = std::function<Clock::time_point()>;

  // Throws common::ConfigError for invalid options. With `background` false nothing runs until run_calculation().
  explicit AdaptiveStrategyProvider(AdaptiveSamplingOptions options, bool background = true,
                                    NowFunction now = [] { return Clock::now(); });
  ~AdaptiveStrategyProvider() override;  // stops the background thread
  AdaptiveStrategyProvider(const AdaptiveStrategyProvider&) = delete;
  AdaptiveStrategyProvider& operator=(const AdaptiveStrategyProvider&) = delete;

  SamplingStrategy get_sampling_strategy(const std::string& service_name) override;

  // Where the ingest pipeline reports accepted spans.
  ThroughputAggregator& aggregator() { return aggregator_; }
  // One calculation interval ending at `now` (the background thread calls it with the clock's time).
  void run_calculation(Clock::time_point now);
  void run_calculation();
  // The latest calculated probabilities and weighted QPS (service → operation → value).
  ServiceOperationValues probabilities() const;
  ServiceOperationValues qps() const;
  // Number of calculations run so far.
  uint64_t calculations() const;

 private:
  void calculation_loop();
  SamplingStrategy default_strategy() const;

  const AdaptiveSamplingOptions options_;
  const NowFunction now_;
  ThroughputAggregator aggregator_;

  mutable std::mutex calc_mu_;  // the calculation state below
  std::deque<std::pair<Clock::time_point, ServiceOperationThroughput>> saved_;  // counts saved, oldest first
  Clock::time_point last_checked_;
  AdaptiveCalculatorState state_;
  uint64_t calculations_ = 0;

  mutable std::mutex strategies_mu_;
  std::shared_ptr<const std::map<std::string, SamplingStrategy>> strategies_;

  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::thread calculator_;
};

// The strategy served for a service with the given per-operation probabilities.
SamplingStrategy adaptive_strategy(const std::map<std::string, double>& operation_probabilities,
                                   const AdaptiveSamplingOptions& options);

}  // namespace peregrine::sampling
