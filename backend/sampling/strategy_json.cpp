// Jaeger-compatible JSON rendering of sampling strategies.
#include "backend/sampling/strategy_json.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>

namespace peregrine::sampling {
namespace {

std::string number(double v) {
  if (!std::isfinite(v)) return "0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string quoted(const std::string& s) { return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

std::string render(const SamplingStrategy& s, bool numeric_enums) {
  std::string out = "{\"strategyType\":";
  if (numeric_enums) {
    out += s.type == StrategyType::RateLimiting ? "1" : "0";
  } else {
    out += s.type == StrategyType::RateLimiting ? "\"RATE_LIMITING\"" : "\"PROBABILISTIC\"";
  }
  if (s.sampling_rate) out += ",\"probabilisticSampling\":{\"samplingRate\":" + number(*s.sampling_rate) + "}";
  if (s.max_traces_per_second)
    out += ",\"rateLimitingSampling\":{\"maxTracesPerSecond\":" + std::to_string(*s.max_traces_per_second) + "}";
  if (s.operation_sampling) {
    const auto& o = *s.operation_sampling;
    out += ",\"operationSampling\":{\"defaultSamplingProbability\":" + number(o.default_sampling_probability);
    out += ",\"defaultLowerBoundTracesPerSecond\":" + number(o.default_lower_bound_traces_per_second);
    out += ",\"perOperationStrategies\":[";
    for (size_t i = 0; i < o.per_operation_strategies.size(); ++i) {
      const auto& op = o.per_operation_strategies[i];
      if (i) out += ',';
      out += "{\"operation\":" + quoted(op.operation) + ",\"probabilisticSampling\":{\"samplingRate\":" +
             number(op.sampling_rate) + "}}";
    }
    out += "],\"defaultUpperBoundTracesPerSecond\":" + number(o.default_upper_bound_traces_per_second) + "}";
  }
  out += '}';
  return out;
}

}  // namespace

std::string strategy_to_json(const SamplingStrategy& s) { return render(s, false); }
std::string strategy_to_legacy_json(const SamplingStrategy& s) { return render(s, true); }

}  // namespace peregrine::sampling
