// OTLP/JSON ⇔ protobuf messages, following the OTLP JSON encoding rules: lowerCamelCase field names (snake_case
// also accepted on input), trace/span IDs as HEX strings (not base64), 64-bit integers as strings or numbers,
// enums as integers (names also accepted on input), bytes attribute values as base64. Unknown fields are ignored.
// Also the Jaeger api_v3 response rendering: {"result":{"resourceSpans":[...]}} with hex IDs and integer enums.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "backend/convert/otlp_to_model.hpp"
#include "backend/model/trace.hpp"
#include "opentelemetry/proto/trace/v1/trace.pb.h"

namespace peregrine::convert {

// Either a parsed request (error empty) or a message saying what is malformed.
struct OtlpJsonParseResult {
  OtlpExportRequest request;
  std::string error;

  bool ok() const { return error.empty(); }
};

// Parses an OTLP/JSON ExportTraceServiceRequest body (also accepts the pre-1.0 instrumentationLibrarySpans form).
OtlpJsonParseResult parse_otlp_json(std::string_view json);

// OTLP/JSON text (hex IDs, integer enums, int64 as strings) of a request or a TracesData.
std::string otlp_request_to_json(const OtlpExportRequest& request);
std::string otlp_traces_data_to_json(const opentelemetry::proto::trace::v1::TracesData& data);

// Jaeger api_v3 HTTP gateway body for traces: {"result":{"resourceSpans":[...]}}.
std::string otlp_traces_to_json(const std::vector<model::Trace>& traces);

}  // namespace peregrine::convert
