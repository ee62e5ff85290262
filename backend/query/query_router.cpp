// make_query_router and the additional-headers wrapper.
#include "backend/query/query_router.hpp"

#include <stdexcept>

#include "backend/query/api_v1_handlers.hpp"
#include "backend/query/api_v3_handlers.hpp"

namespace peregrine::query {

namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

common::HttpRouter make_query_router(QueryService& service, const QueryApiOptions& options) {
  common::HttpRouter router(options.base_path);
  add_api_v1_routes(router, service, options.now_us ? options.now_us : ClockUs(system_now_us));
  add_api_v3_routes(router, service);
  if (options.ui_fallback) router.set_fallback(options.ui_fallback);
  return router;
}

std::vector<std::pair<std::string, std::string>> parse_additional_headers(const std::vector<std::string>& entries) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& entry : entries) {
    size_t colon = entry.find(':');
    if (colon == std::string::npos || trim(entry.substr(0, colon)).empty()) {
      throw std::invalid_argument("failed to parse headers: expected \"Key: Value\", got \"" + entry + "\"");
    }
    out.emplace_back(trim(entry.substr(0, colon)), trim(entry.substr(colon + 1)));
  }
  return out;
}

common::HttpHandler with_additional_headers(common::HttpHandler handler,
                                            std::vector<std::pair<std::string, std::string>> headers) {
  if (headers.empty()) return handler;
  return [handler = std::move(handler), headers = std::move(headers)](const common::HttpRequest& req) {
    common::HttpResponse resp = handler(req);
    for (const auto& h : headers) resp.headers.push_back(h);
    return resp;
  };
}

}  // namespace peregrine::query
