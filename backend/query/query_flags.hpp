// jaeger-query's flags (Jaeger v1 names and defaults) and their typed reading.
//   query.base-path "/"                    query.http-server.host-port ":16686"
//   query.grpc-server.host-port ":16685"   query.static-files ""        query.ui-config ""
//   query.additional-headers "" (list of "Key: Value")                    query.max-clock-skew-adjustment "0s"
//   query.bearer-token-propagation false   query.log-static-assets-access false   query.enable-tracing false
// Server TLS of both ports: query.http.tls.* and query.grpc.tls.* (common/tls_settings.hpp).
#pragma once
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "backend/common/config.hpp"
#include "backend/common/tls_settings.hpp"

namespace peregrine::query {

void define_query_flags(common::Config& cfg);

struct QueryFlags {
  std::string base_path;
  std::string http_host_port;
  std::string grpc_host_port;
  std::string static_files;
  std::string ui_config;
  std::vector<std::pair<std::string, std::string>> additional_headers;
  std::chrono::microseconds max_clock_skew_adjustment{0};
  bool bearer_token_propagation = false;
  bool log_static_assets_access = false;
  common::TlsServerSettings http_tls;  // --query.http.tls.*
  common::TlsServerSettings grpc_tls;  // --query.grpc.tls.*
};

// Throws common::ConfigError / std::invalid_argument on malformed values.
QueryFlags read_query_flags(const common::Config& cfg);

}  // namespace peregrine::query
