// Plain HTTP request/response values and the handler signature shared by every HTTP endpoint
// (OTLP/HTTP, query API, admin). Handlers are pure functions of the request: easy to unit-test.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace peregrine::common {

struct CaseInsensitiveLess {
  bool operator()(const std::string& a, const std::string& b) const;
};

struct HttpRequest {
  std::string method;   // "GET", "POST", ...
  std::string target;   // raw request-target, e.g. "/api/traces?service=a"
  std::string path;     // percent-decoded path without the query string
  std::multimap<std::string, std::string> query;  // percent-decoded ('+' → ' ') query parameters, in order
  std::map<std::string, std::string, CaseInsensitiveLess> headers;
  std::string body;     // as received (not decompressed)
  std::string remote_address;

  std::optional<std::string> header(const std::string& name) const;
  // First value of a query parameter, or nullopt.
  std::optional<std::string> param(const std::string& name) const;
  std::vector<std::string> params(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static HttpResponse json(int status, std::string body);
  static HttpResponse text(int status, std::string body);
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

// Parses "a=1&b=x%20y" into the multimap (percent-decoding, '+' as space).
std::multimap<std::string, std::string> parse_query_string(std::string_view qs);
std::string percent_decode(std::string_view s, bool plus_as_space);

}  // namespace peregrine::common
