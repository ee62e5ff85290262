// Span model → OTLP (for Jaeger api_v3 responses): the reverse of otlp_to_model, as Jaeger's model-to-OTLP
// translation does it.
//
//   Process                         → one ResourceSpans per distinct process (service.name + process tags)
//   tags otel.scope.name/.version   → ScopeSpans grouping (also the older otel.library.name/.version)
//   span.kind                       → kind;  otel.status_code / otel.status_description → status
//   error=true (no otel.status_code)→ status ERROR;  the "error" tag is dropped when status is ERROR
//   w3c.tracestate                  → trace_state; otel.dropped_*_count → dropped counts
//   otel.link.<i>.<key> tags        → attributes of link i (see otlp_to_model.hpp)
//   first CHILD_OF ref (same trace) → parent_span_id; every other ref → a link carrying the attribute
//                                     opentracing.ref_type = child_of | follows_from
//   logs                            → events (field "event" → name, other fields → attributes)
//   µs times                        → ns; remaining tags → attributes
#pragma once
#include <vector>

#include "backend/model/trace.hpp"
#include "opentelemetry/proto/trace/v1/trace.pb.h"

namespace peregrine::convert {

// Appends the spans of one trace to `out`, grouped by process then by scope (first-seen order).
void append_otlp_resource_spans(const model::Trace& trace, opentelemetry::proto::trace::v1::TracesData& out);

// All traces in order: each trace's ResourceSpans follow the previous trace's.
opentelemetry::proto::trace::v1::TracesData otlp_from_model(const std::vector<model::Trace>& traces);

}  // namespace peregrine::convert
