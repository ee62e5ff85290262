// Jaeger-native receiver flags (see jaeger_flags.hpp).
#include "backend/receivers/jaeger/jaeger_flags.hpp"

#include "backend/common/tls_settings.hpp"

namespace peregrine::receivers {

void define_jaeger_receiver_flags(common::Config& config) {
  config.define("collector.http-server.host-port", ":14268",
                "The host:port (e.g. 127.0.0.1:14268 or :14268) of the collector's HTTP server (Jaeger Thrift)");
  config.define("collector.grpc-server.host-port", ":14250",
                "The host:port (e.g. 127.0.0.1:14250 or :14250) of the collector's gRPC server (Jaeger api_v2)");
  config.define("collector.grpc-server.max-message-size", "4194304",
                "The maximum receivable message size for the collector's gRPC server");
  common::define_tls_server_flags(config, "collector.grpc", "the collector's gRPC server");
  common::define_tls_server_flags(config, "collector.http", "the collector's HTTP server");
}

JaegerReceiverSettings jaeger_settings_from_config(const common::Config& config) {
  JaegerReceiverSettings s;
  s.http.host_port = config.get("collector.http-server.host-port");
  s.grpc.host_port = config.get("collector.grpc-server.host-port");
  int64_t max_message = config.get_int("collector.grpc-server.max-message-size");
  if (max_message <= 0 || max_message > INT32_MAX)
    throw common::ConfigError("collector.grpc-server.max-message-size must be a positive 32-bit integer");
  s.grpc.max_receive_message_bytes = static_cast<int>(max_message);
  s.grpc.tls = common::tls_server_settings_from_config(config, "collector.grpc");
  s.http.tls = common::tls_server_settings_from_config(config, "collector.http");
  return s;
}

}  // namespace peregrine::receivers
