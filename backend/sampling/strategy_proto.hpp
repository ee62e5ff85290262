// SamplingStrategy ↔ jaeger.api_v2.SamplingStrategyResponse (gRPC SamplingManager on 14250, and the agent's
// client of it).
#pragma once
#include "backend/sampling/strategy.hpp"
#include "jaeger/sampling.pb.h"

namespace peregrine::sampling {

jaeger::api_v2::SamplingStrategyResponse strategy_to_proto(const SamplingStrategy& s);
SamplingStrategy strategy_from_proto(const jaeger::api_v2::SamplingStrategyResponse& p);

}  // namespace peregrine::sampling
