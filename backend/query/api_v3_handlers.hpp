// Jaeger's api_v3 HTTP gateway (grpc-gateway style JSON), registered on an HttpRouter under /api/v3:
//   GET /api/v3/services                                   {"services":[…]}
//   GET /api/v3/operations?service=&span_kind=             {"operations":[{"name","spanKind"}]} (spanKind omitted
//                                                          when empty, as protobuf JSON does)
//   GET /api/v3/traces/{trace_id}[?raw_traces=true]        OTLP JSON {"result":{"resourceSpans":[…]}}
//   GET /api/v3/traces?query.service_name=&query.operation_name=&query.start_time_min=&query.start_time_max=
//       (RFC3339, both required)&query.duration_min=&query.duration_max= (Go durations)&query.num_traces=
//       (alias query.search_depth; default 100)&query.attributes={"k":"v"}&query.raw_traces=
// Failures: {"error":{"httpCode":N,"message":"…"}} — 400 "malformed parameter <name>: …", 404 "trace not found".
#pragma once
#include "backend/common/http_router.hpp"
#include "backend/query/query_service.hpp"

namespace peregrine::query {

void add_api_v3_routes(common::HttpRouter& router, QueryService& service);

}  // namespace peregrine::query
