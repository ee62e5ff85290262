// Query flag declarations (help texts as Jaeger's) and reading.
#include "backend/query/query_flags.hpp"

#include "backend/query/query_router.hpp"

namespace peregrine::query {

void define_query_flags(common::Config& cfg) {
  cfg.define("query.base-path", "/",
             "The base path for all HTTP routes, e.g. /jaeger; useful when running behind a reverse proxy");
  cfg.define("query.http-server.host-port", ":16686",
             "The host:port (e.g. 127.0.0.1:16686 or :16686) of the query's HTTP server");
  cfg.define("query.grpc-server.host-port", ":16685",
             "The host:port (e.g. 127.0.0.1:16685 or :16685) of the query's gRPC server");
  cfg.define("query.static-files", "", "The directory path override for the static assets for the UI");
  cfg.define("query.ui-config", "", "The path to the UI configuration file in JSON format");
  cfg.define("query.additional-headers", "",
             "Additional HTTP response headers.  Can be specified multiple times.  Format: \"Key: Value\"");
  cfg.define("query.max-clock-skew-adjustment", "0s",
             "The maximum delta by which span timestamps may be adjusted in the UI due to clock skew; set to 0s to "
             "disable clock skew adjustments");
  cfg.define("query.bearer-token-propagation", "false",
             "Allow propagation of bearer token to be used by storage plugins");
  cfg.define("query.log-static-assets-access", "false", "Log when static assets are accessed (for debugging)");
  cfg.define("query.enable-tracing", "false", "Enables emitting jaeger-query traces");
  common::define_tls_server_flags(cfg, "query.http", "the query's HTTP server");
  common::define_tls_server_flags(cfg, "query.grpc", "the query's gRPC server");
}

QueryFlags read_query_flags(const common::Config& cfg) {
  QueryFlags f;
  f.base_path = cfg.get("query.base-path");
  f.http_host_port = cfg.get("query.http-server.host-port");
  f.grpc_host_port = cfg.get("query.grpc-server.host-port");
  f.static_files = cfg.get("query.static-files");
  f.ui_config = cfg.get("query.ui-config");
  f.additional_headers = parse_additional_headers(cfg.get_list("query.additional-headers"));
  f.max_clock_skew_adjustment =
      std::chrono::duration_cast<std::chrono::microseconds>(cfg.get_duration("query.max-clock-skew-adjustment"));
  f.bearer_token_propagation = cfg.get_bool("query.bearer-token-propagation");
  f.log_static_assets_access = cfg.get_bool("query.log-static-assets-access");
  f.http_tls = common::tls_server_settings_from_config(cfg, "query.http");
  f.grpc_tls = common::tls_server_settings_from_config(cfg, "query.grpc");
  return f;
}

}  // namespace peregrine::query
