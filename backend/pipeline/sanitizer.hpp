// Span sanitizers (Jaeger collector's): empty service name → "empty-service-name", negative duration → 0,
// invalid UTF-8 in service/operation names, tag keys/values, process tags and log fields → U+FFFD.
// Each fix adds a warning to the span. Spans needing no fix are left untouched (cheap checks only).
#pragma once
#include "backend/model/span.hpp"

namespace peregrine::pipeline {

inline constexpr const char* kEmptyServiceName = "empty-service-name";

// Sanitizes one span. Processes are shared (shared_ptr<const Process>), so a process needing a fix is
// replaced by a fixed copy, never mutated.
void sanitize_span(model::Span& span);
// Same for a whole batch; spans sharing a process that needs fixing also share its single fixed copy.
void sanitize_batch(model::SpanBatch& batch);

}  // namespace peregrine::pipeline
