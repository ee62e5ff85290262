// Jaeger's v1 HTTP query API (what Jaeger UI calls), registered on an HttpRouter under /api:
//   GET  /api/services                          data: service names
//   GET  /api/services/{service}/operations     data: operation names (legacy, all span kinds)
//   GET  /api/operations?service=&spanKind=     data: [{"name","spanKind"}]
//   GET  /api/traces?…                          search, or ?traceID=…&traceID=… lookups (see api_v1_params.hpp)
//   GET  /api/traces/{traceID}[?raw=true]       one trace (from the archive when the primary store lacks it);
//                                               404 "trace not found"; raw skips the adjusters
//   GET  /api/dependencies?endTs=&lookback=     data: [{"parent","child","callCount"}]
//   POST /api/archive/{traceID}                 copies the trace into the archive storage: 200 with data [] and
//                                               errors []; 404 "trace not found"; 500 "archive span storage was
//                                               not configured" without archive storage
//   POST /api/transform                         OTLP/JSON body → UI traces
//   GET  /api/metrics/{latencies,calls,errors,minstep}  501: metrics querying is disabled (no metrics store)
// Bodies use Jaeger's structuredResponse envelope (api_response.hpp); storage failures are 500s.
#pragma once
#include "backend/common/http_router.hpp"
#include "backend/query/api_context.hpp"
#include "backend/query/query_service.hpp"

namespace peregrine::query {

void add_api_v1_routes(common::HttpRouter& router, QueryService& service, ClockUs now_us);

}  // namespace peregrine::query
