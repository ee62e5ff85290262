// JSON renderings of a SamplingStrategy, byte-compatible with Jaeger's:
//  - strategy_to_json: the /sampling form (proto-JSON with every scalar emitted, strategyType as an enum name,
//    absent sub-messages omitted), e.g. {"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":1}}
//  - strategy_to_legacy_json: the agent's legacy "/" form, identical but with numeric enum codes ("strategyType":0)
// Numbers use the shortest round-trip form (1, 0.001, 100), as Go does.
#pragma once
#include <string>

#include "backend/sampling/strategy.hpp"

namespace peregrine::sampling {

std::string strategy_to_json(const SamplingStrategy& s);
std::string strategy_to_legacy_json(const SamplingStrategy& s);

}  // namespace peregrine::sampling
