// Conversions between SamplingStrategy and its api_v2 protobuf form.
#include "backend/sampling/strategy_proto.hpp"

namespace peregrine::sampling {

namespace api = jaeger::api_v2;

api::SamplingStrategyResponse strategy_to_proto(const SamplingStrategy& s) {
  api::SamplingStrategyResponse p;
  p.set_strategytype(s.type == StrategyType::RateLimiting ? api::RATE_LIMITING : api::PROBABILISTIC);
  if (s.sampling_rate) p.mutable_probabilisticsampling()->set_samplingrate(*s.sampling_rate);
  if (s.max_traces_per_second) p.mutable_ratelimitingsampling()->set_maxtracespersecond(*s.max_traces_per_second);
  if (s.operation_sampling) {
    auto* o = p.mutable_operationsampling();
    o->set_defaultsamplingprobability(s.operation_sampling->default_sampling_probability);
    o->set_defaultlowerboundtracespersecond(s.operation_sampling->default_lower_bound_traces_per_second);
    o->set_defaultupperboundtracespersecond(s.operation_sampling->default_upper_bound_traces_per_second);
    for (const auto& op : s.operation_sampling->per_operation_strategies) {
      auto* e = o->add_peroperationstrategies();
      e->set_operation(op.operation);
      e->mutable_probabilisticsampling()->set_samplingrate(op.sampling_rate);
    }
  }
  return p;
}

SamplingStrategy strategy_from_proto(const api::SamplingStrategyResponse& p) {
  SamplingStrategy s;
  s.type = p.strategytype() == api::RATE_LIMITING ? StrategyType::RateLimiting : StrategyType::Probabilistic;
  if (p.has_probabilisticsampling()) s.sampling_rate = p.probabilisticsampling().samplingrate();
  if (p.has_ratelimitingsampling()) s.max_traces_per_second = p.ratelimitingsampling().maxtracespersecond();
  if (p.has_operationsampling()) {
    const auto& o = p.operationsampling();
    PerOperationStrategies ops;
    ops.default_sampling_probability = o.defaultsamplingprobability();
    ops.default_lower_bound_traces_per_second = o.defaultlowerboundtracespersecond();
    ops.default_upper_bound_traces_per_second = o.defaultupperboundtracespersecond();
    for (const auto& e : o.peroperationstrategies())
      ops.per_operation_strategies.push_back({e.operation(), e.probabilisticsampling().samplingrate()});
    s.operation_sampling = std::move(ops);
  }
  return s;
}

}  // namespace peregrine::sampling
