// Reading sampler.type / sampler.param from root spans.
#include "backend/sampling/root_span_sampler.hpp"

#include <cerrno>
#include <cstdlib>
#include <string>

namespace peregrine::sampling {
namespace {

std::optional<RootSamplerType> sampler_type(const model::KeyValue& tag) {
  if (tag.type != model::ValueType::String) return std::nullopt;
  if (tag.str == "probabilistic") return RootSamplerType::Probabilistic;
  if (tag.str == "lowerbound") return RootSamplerType::LowerBound;
  if (tag.str == "ratelimiting") return RootSamplerType::RateLimiting;
  return std::nullopt;
}

std::optional<double> sampler_param(const model::KeyValue& tag) {
  if (tag.type == model::ValueType::Float64) return tag.d;
  if (tag.type == model::ValueType::Int64) return static_cast<double>(tag.i);
  const std::string text = tag.value_as_string();
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  if (errno != 0 || end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<RootSpanSampler> root_span_sampler(const model::Span& span) {
  if (span.parent_span_id() != 0) return std::nullopt;
  if (!span.process || span.process->service_name.empty() || span.operation_name.empty()) return std::nullopt;
  const model::KeyValue* type_tag = nullptr;
  const model::KeyValue* param_tag = nullptr;
  for (const auto& tag : span.tags) {
    if (!type_tag && tag.key == "sampler.type") type_tag = &tag;
    else if (!param_tag && tag.key == "sampler.param") param_tag = &tag;
  }
  if (!type_tag || !param_tag) return std::nullopt;
  auto type = sampler_type(*type_tag);
  if (!type) return std::nullopt;
  auto param = sampler_param(*param_tag);
  if (!param) return std::nullopt;
  return RootSpanSampler{*type, *param};
}

}  // namespace peregrine::sampling
