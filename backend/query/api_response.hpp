// Response bodies of the query HTTP APIs.
//  v1 (/api/...): Jaeger's structuredResponse {"data":…,"total":N,"limit":0,"offset":0,"errors":…}; failures
//  carry "data":null and errors [{"code":status,"msg":…}]; per-trace lookup failures inside a search are
//  {"msg":…,"traceID":…} (no code). ?prettyPrint=<anything but false> indents successful bodies by 4 spaces.
//  v3 (/api/v3/...): grpc-gateway style; failures are {"error":{"httpCode":status,"message":…}}.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "backend/common/http_types.hpp"

namespace peregrine::query {

struct StructuredError {
  int code = 0;  // omitted when 0
  std::string msg;
  std::string trace_id;  // omitted when empty
};

// data_json / errors: already-rendered JSON for "data"; errors empty → null.
std::string structured_body(std::string_view data_json, size_t total, const std::vector<StructuredError>& errors);
common::HttpResponse structured_ok(const common::HttpRequest& req, std::string_view data_json, size_t total,
                                   const std::vector<StructuredError>& errors = {});
common::HttpResponse structured_error(int status, const std::string& msg);
// {"data":[],"total":0,"limit":0,"offset":0,"errors":[]}: Jaeger's reply to a successful POST /api/archive.
common::HttpResponse structured_empty_ok(const common::HttpRequest& req);

common::HttpResponse gateway_ok(std::string body);
common::HttpResponse gateway_error(int status, const std::string& message);

}  // namespace peregrine::query
