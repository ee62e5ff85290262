// --collector.otlp.* flag declarations and their reading (see otlp_flags.hpp).
#include "backend/receivers/otlp_flags.hpp"

#include <chrono>
#include <limits>
#include <string>

#include "backend/common/tls_settings.hpp"

namespace peregrine::receivers {
namespace {

std::chrono::milliseconds duration_ms(const common::Config& config, const std::string& name) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(config.get_duration(name));
}

}  // namespace

void define_otlp_flags(common::Config& config) {
  config.define("collector.otlp.enabled", "true", "Enables OpenTelemetry OTLP receiver on dedicated HTTP and gRPC ports");

  config.define("collector.otlp.grpc.host-port", ":4317",
                "The host:port (e.g. 127.0.0.1:4317 or :4317) of the collector's gRPC server");
  config.define("collector.otlp.grpc.max-message-size", "4194304",
                "The maximum receivable message size for the collector's gRPC server");
  config.define("collector.otlp.grpc.max-connection-age", "0s",
                "The maximum amount of time a connection may exist. Set this value to a few seconds or minutes on "
                "highly elastic environments, so that clients discover new collector nodes frequently");
  config.define("collector.otlp.grpc.max-connection-age-grace", "0s",
                "The additive period after MaxConnectionAge after which the connection will be forcibly closed");
  common::define_tls_server_flags(config, "collector.otlp.grpc", "the OTLP gRPC server");

  config.define("collector.otlp.http.host-port", ":4318",
                "The host:port (e.g. 127.0.0.1:4318 or :4318) of the collector's HTTP server");
  config.define("collector.otlp.http.cors.allowed-origins", "",
                "Comma-separated CORS allowed origins. See https://github.com/rs/cors");
  config.define("collector.otlp.http.cors.allowed-headers", "",
                "Comma-separated CORS allowed headers. See https://github.com/rs/cors");
  for (const char* ignored : {"idle-timeout", "read-timeout", "read-header-timeout"}) {
    config.define_ignored(std::string("collector.otlp.http.") + ignored, "Not supported by Peregrine (ignored)");
  }
  common::define_tls_server_flags(config, "collector.otlp.http", "the OTLP HTTP server");
}

OtlpReceiverSettings otlp_settings_from_config(const common::Config& config) {
  OtlpReceiverSettings settings;
  settings.enabled = config.get_bool("collector.otlp.enabled");

  settings.grpc.host_port = config.get("collector.otlp.grpc.host-port");
  const int64_t max_message = config.get_int("collector.otlp.grpc.max-message-size");
  if (max_message <= 0 || max_message > std::numeric_limits<int>::max())
    throw common::ConfigError("--collector.otlp.grpc.max-message-size must be between 1 and " +
                              std::to_string(std::numeric_limits<int>::max()));
  settings.grpc.max_receive_message_bytes = static_cast<int>(max_message);
  settings.grpc.max_connection_age = duration_ms(config, "collector.otlp.grpc.max-connection-age");
  settings.grpc.max_connection_age_grace = duration_ms(config, "collector.otlp.grpc.max-connection-age-grace");
  settings.grpc.tls = common::tls_server_settings_from_config(config, "collector.otlp.grpc");

  settings.http.host_port = config.get("collector.otlp.http.host-port");
  settings.http.cors.allowed_origins = config.get_list("collector.otlp.http.cors.allowed-origins");
  settings.http.cors.allowed_headers = config.get_list("collector.otlp.http.cors.allowed-headers");
  settings.http.tls = common::tls_server_settings_from_config(config, "collector.otlp.http");
  return settings;
}

}  // namespace peregrine::receivers
