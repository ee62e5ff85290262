// Zipkin v2 protobuf (zipkin.proto3.ListOfSpans, POST /api/v2/spans with application/x-protobuf) → normalised
// Zipkin spans. trace_id must be 8 or 16 bytes, id 8 bytes, parent_id empty or 8 bytes; otherwise the whole
// body is rejected. Never throws.
#pragma once
#include <string_view>

#include "backend/convert/zipkin/zipkin_span.hpp"

namespace peregrine::convert {

zipkin::DecodeResult zipkin_spans_from_proto_v2(std::string_view body);

}  // namespace peregrine::convert
