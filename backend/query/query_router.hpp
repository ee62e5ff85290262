// The query HTTP server's routing: v1 API (/api/...), api_v3 gateway (/api/v3/...), all under
// --query.base-path, plus an optional fallback (the UI's static assets). The router holds references to the
// QueryService, which must outlive it. The UI fallback can be supplied in the options or installed later with
// HttpRouter::set_fallback before the router is handed to the server.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "backend/common/http_router.hpp"
#include "backend/query/api_context.hpp"
#include "backend/query/query_service.hpp"

namespace peregrine::query {

struct QueryApiOptions {
  std::string base_path = "/";      // query.base-path
  ClockUs now_us;                   // default: system clock
  common::HttpHandler ui_fallback;  // optional
};

common::HttpRouter make_query_router(QueryService& service, const QueryApiOptions& options);

// --query.additional-headers: "Key: Value" entries. Throws std::invalid_argument on an entry without ':'.
std::vector<std::pair<std::string, std::string>> parse_additional_headers(const std::vector<std::string>& entries);
// Wraps a handler so every response also carries `headers` (Jaeger adds them to API and UI responses alike).
common::HttpHandler with_additional_headers(common::HttpHandler handler,
                                            std::vector<std::pair<std::string, std::string>> headers);

}  // namespace peregrine::query
