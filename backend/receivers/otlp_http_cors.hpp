// CORS for the OTLP/HTTP receiver, as Jaeger's --collector.otlp.http.cors.* flags configure it (browser
// exporters POST to /v1/traces cross-origin). Empty allowed_origins = CORS disabled: no headers, no preflight.
// Origins may be "*" (any) or contain one "*" wildcard (e.g. "https://*.example.com"); matching is
// case-insensitive. Allowed request headers always include Origin, Accept, Content-Type and X-Requested-With;
// "*" allows any.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "backend/common/http_types.hpp"

namespace peregrine::receivers {

struct CorsPolicy {
  std::vector<std::string> allowed_origins;
  std::vector<std::string> allowed_headers;
  int max_age_seconds = 0;  // Access-Control-Max-Age on preflight responses when > 0

  bool enabled() const { return !allowed_origins.empty(); }
};

bool cors_origin_allowed(const CorsPolicy& policy, const std::string& origin);

// The response to an OPTIONS preflight request: 204, with Access-Control-* headers when the origin, method
// and requested headers are allowed (without them otherwise, so the browser blocks the call).
common::HttpResponse cors_preflight_response(const common::HttpRequest& request, const CorsPolicy& policy);

// Adds Access-Control-Allow-Origin (and Vary: Origin) to an actual response when the request's Origin is allowed.
void apply_cors_headers(const common::HttpRequest& request, const CorsPolicy& policy, common::HttpResponse& response);

}  // namespace peregrine::receivers
