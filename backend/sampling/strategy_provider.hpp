// StrategyProvider: where sampling endpoints (collector 14268/api/sampling and gRPC SamplingManager, agent 5778)
// get the strategy for a service. Implemented by the file-backed provider (collector, all-in-one) and by the
// agent's gRPC client of the collector.
#pragma once
#include <stdexcept>
#include <string>

#include "backend/sampling/strategy.hpp"

namespace peregrine::sampling {

// Thrown when a provider cannot answer (e.g. the collector behind an agent is unreachable).
struct StrategyUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class StrategyProvider {
 public:
  virtual ~StrategyProvider() = default;
  // Throws StrategyUnavailable when no answer can be produced.
  virtual SamplingStrategy get_sampling_strategy(const std::string& service_name) = 0;
};

}  // namespace peregrine::sampling
