// CORS policy checks and headers for the OTLP/HTTP receiver (see otlp_http_cors.hpp).
#include "backend/receivers/otlp_http_cors.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace peregrine::receivers {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool origin_matches(const std::string& pattern, const std::string& origin) {
  const std::string p = lower(pattern);
  const std::string o = lower(origin);
  const size_t star = p.find('*');
  if (star == std::string::npos) return p == o;
  const std::string_view prefix(p.data(), star);
  const std::string_view suffix(p.data() + star + 1, p.size() - star - 1);
  return o.size() >= prefix.size() + suffix.size() && o.compare(0, prefix.size(), prefix) == 0 &&
         o.compare(o.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool allows_any_origin(const CorsPolicy& policy) {
  return std::find(policy.allowed_origins.begin(), policy.allowed_origins.end(), "*") != policy.allowed_origins.end();
}

bool header_allowed(const CorsPolicy& policy, const std::string& header) {
  static const char* const kAlwaysAllowed[] = {"origin", "accept", "content-type", "x-requested-with"};
  const std::string h = lower(header);
  for (const char* always : kAlwaysAllowed) {
    if (h == always) return true;
  }
  for (const auto& allowed : policy.allowed_headers) {
    if (allowed == "*" || lower(trim(allowed)) == h) return true;
  }
  return false;
}

// The Access-Control-Allow-Origin value: "*" when any origin is allowed, else the request's origin.
std::string allow_origin_value(const CorsPolicy& policy, const std::string& origin) {
  return allows_any_origin(policy) ? "*" : origin;
}

}  // namespace

bool cors_origin_allowed(const CorsPolicy& policy, const std::string& origin) {
  if (origin.empty()) return false;
  for (const auto& pattern : policy.allowed_origins) {
    if (pattern == "*" || origin_matches(pattern, origin)) return true;
  }
  return false;
}

common::HttpResponse cors_preflight_response(const common::HttpRequest& request, const CorsPolicy& policy) {
  common::HttpResponse response;
  response.status = 204;
  response.content_type.clear();
  response.headers.emplace_back("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");

  const std::string origin = request.header("Origin").value_or("");
  const std::string method = request.header("Access-Control-Request-Method").value_or("");
  if (!policy.enabled() || !cors_origin_allowed(policy, origin) || method != "POST") return response;

  std::string requested_headers = request.header("Access-Control-Request-Headers").value_or("");
  std::string_view rest = requested_headers;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    if (!item.empty() && !header_allowed(policy, std::string(item))) return response;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }

  response.headers.emplace_back("Access-Control-Allow-Origin", allow_origin_value(policy, origin));
  response.headers.emplace_back("Access-Control-Allow-Methods", "POST");
  if (!trim(requested_headers).empty())
    response.headers.emplace_back("Access-Control-Allow-Headers", std::string(trim(requested_headers)));
  if (policy.max_age_seconds > 0)
    response.headers.emplace_back("Access-Control-Max-Age", std::to_string(policy.max_age_seconds));
  return response;
}

void apply_cors_headers(const common::HttpRequest& request, const CorsPolicy& policy, common::HttpResponse& response) {
  if (!policy.enabled()) return;
  response.headers.emplace_back("Vary", "Origin");
  const std::string origin = request.header("Origin").value_or("");
  if (!cors_origin_allowed(policy, origin)) return;
  response.headers.emplace_back("Access-Control-Allow-Origin", allow_origin_value(policy, origin));
}

}  // namespace peregrine::receivers
