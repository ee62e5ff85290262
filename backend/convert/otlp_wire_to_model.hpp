// OTLP protobuf bytes → model::SpanBatch in one pass over the wire format, without building the generated
// ExportTraceServiceRequest first: strings go straight from the request bytes into the model, and nothing is
// allocated that the converted spans do not keep. It is the receivers' fast path; the reference path is protobuf
// parsing followed by otlp_to_model (otlp_to_model.hpp), whose mapping rules it reproduces exactly.
//
// The decoder only answers when it is certain to agree with the reference path. It declines (converted = false)
// and leaves the request to the reference path when:
//   * the bytes are not a well-formed protobuf encoding (the reference parser then reports the failure),
//   * a span or link ID is invalid (the reference conversion words the error),
//   * the encoding uses something it does not interpret itself: groups, tags of 5 or more bytes, a singular
//     message field (resource, scope, status, attribute value) repeated within its message.
// Attribute values holding arrays or maps are decoded by protobuf itself (with the recursion budget they would
// have inside the whole request), then rendered by the shared attribute conversion.
#pragma once
#include <string_view>

#include "backend/model/span.hpp"

namespace peregrine::convert {

struct OtlpWireResult {
  // true: `batch` holds every span of the request (possibly none), exactly as otlp_to_model converts the parsed
  // request. false: use the reference path; `batch` is empty.
  bool converted = false;
  model::SpanBatch batch;
};

// `reuse` (e.g. a batch recycled by the pipeline, see pipeline::Sink::reusable_batch) is overwritten in place: its
// spans, vectors and strings keep their capacity, so decoding into a batch of similar shape allocates almost
// nothing. Its previous content never shows through.
OtlpWireResult otlp_wire_to_model(std::string_view request_bytes, model::SpanBatch&& reuse = {});

}  // namespace peregrine::convert
