// Zipkin JSON bodies → normalised Zipkin spans: v1 (POST /api/v1/spans, application/json) and v2
// (POST /api/v2/spans, application/json). Both are a JSON array of spans. IDs are lowercase/uppercase hex
// (trace IDs 1–32 digits, span IDs 1–16; longer span IDs keep their last 16 digits as Jaeger does). Any
// structural error rejects the whole body. Never throws.
#pragma once
#include <string_view>

#include "backend/convert/zipkin/zipkin_span.hpp"

namespace peregrine::convert {

zipkin::DecodeResult zipkin_spans_from_json_v1(std::string_view body);
zipkin::DecodeResult zipkin_spans_from_json_v2(std::string_view body);

}  // namespace peregrine::convert
