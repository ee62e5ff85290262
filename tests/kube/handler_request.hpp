// An HTTP request as the double's HTTP front (ApiHandler::handle) receives it, for tests that drive the handler
// in-process: method, target split into path and query, body, Content-Type and Accept.
#pragma once
#include <string>

#include "backend/common/http_types.hpp"

namespace peregrine::kubedouble::testing {

inline common::HttpRequest handler_request(const std::string& method, const std::string& target,
                                           const std::string& body = "",
                                           const std::string& content_type = "application/json",
                                           const std::string& accept = "application/json") {
  common::HttpRequest r;
  r.method = method;
  r.target = target;
  const auto q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) r.query = common::parse_query_string(target.substr(q + 1));
  r.body = body;
  if (!content_type.empty()) r.headers["Content-Type"] = content_type;
  r.headers["Accept"] = accept;
  return r;
}

}  // namespace peregrine::kubedouble::testing
