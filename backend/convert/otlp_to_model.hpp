// OTLP → span model: converts an ExportTraceServiceRequest into a model::SpanBatch following Jaeger's
// OTLP-to-Jaeger translation rules, validating every ID first-to-last (a bad ID rejects the WHOLE request).
//
// Mapping (one shared Process per ResourceSpans):
//   resource service.name          → Process.service_name ("OTLPResourceNoServiceName" when missing/empty)
//   other resource attributes      → Process.tags
//   span attributes                → span tags (in order)
//   scope name / version           → tags otel.scope.name / otel.scope.version (when non-empty)
//   scope attributes               → span tags, unprefixed (kept searchable like span attributes; appended
//                                    after the span's own attributes)
//   kind                           → tag span.kind = client|server|producer|consumer|internal (UNSPECIFIED: none)
//   status OK / ERROR              → otel.status_code = "OK" / "ERROR"; ERROR also adds bool tag error=true
//   status message                 → otel.status_description (when non-empty)
//   trace_state                    → w3c.tracestate (when non-empty)
//   dropped attribute/event/link counts → otel.dropped_attributes_count / otel.dropped_events_count /
//                                    otel.dropped_links_count (int64, only when non-zero)
//   parent_span_id                 → first reference, CHILD_OF (8 zero bytes or empty = root span)
//   links                          → further references, FOLLOWS_FROM unless the link carries the attribute
//                                    opentracing.ref_type = "child_of". The remaining link attributes are kept
//                                    searchable as span tags named "otel.link.<i>.<key>" (i = index of the link
//                                    in the OTLP span); otlp_from_model reverses this.
//   events                         → logs: timestamp (µs), field event=<name> (when non-empty), then attributes
//   attribute values               → string/bool/int64/float64/binary; array and map values → JSON strings;
//                                    an unset value → empty string
//   start/end (ns)                 → start_time_us = start/1000, duration_us = (end-start)/1000 (0 if end<start)
//   flags                          → 1 (sampled), as Jaeger does for OTLP spans
// Validation: span trace_id must be 16 bytes and not all zero, span_id 8 bytes and not all zero, parent_span_id
// empty or 8 bytes, link trace_id/span_id 16/8 bytes. The error message names the offending span.
#pragma once
#include <cstddef>
#include <string>

#include "backend/model/span.hpp"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"

namespace peregrine::convert {

using OtlpExportRequest = opentelemetry::proto::collector::trace::v1::ExportTraceServiceRequest;

// Either a batch (error empty) or an error message (batch empty).
struct OtlpToModelResult {
  model::SpanBatch batch;
  std::string error;

  bool ok() const { return error.empty(); }
};

// Copies out of the request.
OtlpToModelResult otlp_to_model(const OtlpExportRequest& request);
// Consumes the request: strings are moved out of it (cheaper; the request is left in a valid but
// unspecified state).
OtlpToModelResult otlp_to_model(OtlpExportRequest&& request);

// Number of spans in the request (for metrics and benchmarks).
size_t otlp_count_spans(const OtlpExportRequest& request);

}  // namespace peregrine::convert
