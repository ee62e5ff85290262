// Which sampler made a root span's sampling decision, read from the span's tags the way Jaeger's collector does for
// adaptive sampling: the span has no CHILD_OF parent in its trace, a service and operation name, a string
// "sampler.type" tag of probabilistic, lowerbound or ratelimiting, and a "sampler.param" tag that is a float, an int
// or a numeric string. OTLP spans qualify the same way when they carry these attributes.
#pragma once
#include <optional>

#include "backend/model/span.hpp"

namespace peregrine::sampling {

enum class RootSamplerType { Probabilistic, LowerBound, RateLimiting };

struct RootSpanSampler {
  RootSamplerType type = RootSamplerType::Probabilistic;
  double param = 0;
  bool operator==(const RootSpanSampler&) const = default;
};

// nullopt when the span is not a root span or carries no recognised sampler tags.
std::optional<RootSpanSampler> root_span_sampler(const model::Span& span);

}  // namespace peregrine::sampling
