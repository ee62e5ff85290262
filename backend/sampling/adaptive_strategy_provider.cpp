// In-process adaptive sampling: periodic calculation and the strategies it yields.
#include "backend/sampling/adaptive_strategy_provider.hpp"

#include <spdlog/spdlog.h>

namespace peregrine::sampling {

SamplingStrategy adaptive_strategy(const std::map<std::string, double>& operation_probabilities,
                                   const AdaptiveSamplingOptions& options) {
  SamplingStrategy s;
  s.type = StrategyType::Probabilistic;
  s.sampling_rate = options.initial_sampling_probability;
  PerOperationStrategies per_op;
  per_op.default_sampling_probability = options.initial_sampling_probability;
  per_op.default_lower_bound_traces_per_second = options.min_samples_per_second;
  for (const auto& [operation, probability] : operation_probabilities)
    per_op.per_operation_strategies.push_back(OperationStrategy{operation, probability});
  s.operation_sampling = std::move(per_op);
  return s;
}

AdaptiveStrategyProvider::AdaptiveStrategyProvider(AdaptiveSamplingOptions options, bool background, NowFunction now)
    : options_(std::move(options)),
      now_(std::move(now)),
      strategies_(std::make_shared<const std::map<std::string, SamplingStrategy>>()) {
  validate_adaptive_options(options_);
  last_checked_ = now_() - options_.delay;
  spdlog::info("Adaptive sampling: target {} samples/s per operation, calculated every {}s (delay {}s)",
               options_.target_samples_per_second,
               std::chrono::duration<double>(options_.calculation_interval).count(),
               std::chrono::duration<double>(options_.delay).count());
  if (background) calculator_ = std::thread([this] { calculation_loop(); });
}

AdaptiveStrategyProvider::~AdaptiveStrategyProvider() {
  {
    std::lock_guard<std::mutex> lock(stop_mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (calculator_.joinable()) calculator_.join();
}

void AdaptiveStrategyProvider::calculation_loop() {
  std::unique_lock<std::mutex> lock(stop_mu_);
  auto next = now_() + options_.calculation_interval;
  while (!stopping_) {
    if (stop_cv_.wait_until(lock, next, [this] { return stopping_; })) break;
    next += options_.calculation_interval;
    lock.unlock();
    try {
      run_calculation(now_());
    } catch (const std::exception& e) {
      spdlog::error("adaptive sampling calculation failed: {}", e.what());
    }
    lock.lock();
  }
}

void AdaptiveStrategyProvider::run_calculation() { run_calculation(now_()); }

void AdaptiveStrategyProvider::run_calculation(Clock::time_point now) {
  std::shared_ptr<const std::map<std::string, SamplingStrategy>> strategies;
  {
    std::lock_guard<std::mutex> lock(calc_mu_);
    saved_.emplace_back(now, aggregator_.take());
    // The newest bucket: counts saved in (last_checked_, now - delay].
    const auto end = now - options_.delay;
    ThroughputBucket bucket;
    bucket.interval = std::chrono::duration_cast<std::chrono::nanoseconds>(end - last_checked_);
    while (!saved_.empty() && saved_.front().first <= end) {
      for (auto& [service, operations] : saved_.front().second) {
        auto& into = bucket.throughput[service];
        for (auto& [operation, t] : operations) {
          auto& sum = into[operation];
          sum.count += t.count;
          sum.probabilities.insert(t.probabilities.begin(), t.probabilities.end());
        }
      }
      saved_.pop_front();
    }
    last_checked_ = end;
    state_ = advance(std::move(state_), std::move(bucket), options_);
    ++calculations_;
    auto map = std::make_shared<std::map<std::string, SamplingStrategy>>();
    for (const auto& [service, ops] : state_.probabilities) (*map)[service] = adaptive_strategy(ops, options_);
    strategies = std::move(map);
  }
  std::lock_guard<std::mutex> lock(strategies_mu_);
  strategies_ = std::move(strategies);
}

SamplingStrategy AdaptiveStrategyProvider::default_strategy() const { return adaptive_strategy({}, options_); }

SamplingStrategy AdaptiveStrategyProvider::get_sampling_strategy(const std::string& service_name) {
  std::shared_ptr<const std::map<std::string, SamplingStrategy>> strategies;
  {
    std::lock_guard<std::mutex> lock(strategies_mu_);
    strategies = strategies_;
  }
  if (auto it = strategies->find(service_name); it != strategies->end()) return it->second;
  return default_strategy();
}

ServiceOperationValues AdaptiveStrategyProvider::probabilities() const {
  std::lock_guard<std::mutex> lock(calc_mu_);
  return state_.probabilities;
}

ServiceOperationValues AdaptiveStrategyProvider::qps() const {
  std::lock_guard<std::mutex> lock(calc_mu_);
  return state_.qps;
}

uint64_t AdaptiveStrategyProvider::calculations() const {
  std::lock_guard<std::mutex> lock(calc_mu_);
  return calculations_;
}

}  // namespace peregrine::sampling
