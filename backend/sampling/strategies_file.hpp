// The sampling strategies file (--sampling.strategies-file) parsed into a lookup table with Jaeger's semantics:
//   {"service_strategies":[{"service":"a","type":"probabilistic"|"ratelimiting","param":0.5,
//                           "operation_strategies":[{"operation":"op","type":"probabilistic","param":1}]}],
//    "default_strategy":{"type":...,"param":...,"operation_strategies":[...]}}
// - unknown strategy types fall back to probabilistic at the default probability (a warning is recorded);
//   "rate_limiting" is accepted as a spelling of "ratelimiting"
// - operation strategies must be probabilistic (others are skipped with a warning); a service's per-operation
//   defaultSamplingProbability is its own probabilistic rate, else the default probability
// - when the default strategy has operation strategies, they are merged into every service: a service without
//   its own gets a copy (with its own probabilistic rate as default probability), a service with its own gets
//   the default's operations it does not already list appended
// - services not listed get the default strategy; no default_strategy → probabilistic at the default probability
// The literal JSON null means "no strategies" (defaults). // and /* */ comments are tolerated.
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "backend/sampling/strategy.hpp"

namespace peregrine::sampling {

struct StrategiesFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct StrategyStore {
  SamplingStrategy default_strategy;
  std::map<std::string, SamplingStrategy> service_strategies;

  const SamplingStrategy& lookup(const std::string& service) const;
};

StrategyStore default_strategy_store(double default_probability);

// Throws StrategiesFileError when the text is not valid JSON of the expected shape.
StrategyStore parse_strategies(std::string_view json_text, double default_probability,
                               std::vector<std::string>* warnings = nullptr);

}  // namespace peregrine::sampling
