// Jaeger-native receiver flags (see jaeger_flags.hpp).
#include "backend/receivers/jaeger/jaeger_flags.hpp"

namespace peregrine::receivers {

void define_jaeger_receiver_flags(common::Config& config) {
  config.define("collector.http-server.host-port", ":14268",
                "The host:port (e.g. 127.0.0.1:14268 or :14268) of the collector's HTTP server (Jaeger Thrift)");
  config.define("collector.grpc-server.host-port", ":14250",
                "The host:port (e.g. 127.0.0.1:14250 or :14250) of the collector's gRPC server (Jaeger api_v2)");
  config.define("collector.grpc-server.max-message-size", "4194304",
                "The maximum receivable message size for the collector's gRPC server");
  config.define("collector.grpc.tls.enabled", "false", "Enable TLS on the collector's gRPC server");
  config.define("collector.grpc.tls.cert", "", "Path to a TLS Certificate file, used to identify this server to clients");
  config.define("collector.grpc.tls.key", "", "Path to a TLS Private Key file, used to identify this server to clients");
  config.define("collector.grpc.tls.client-ca", "",
                "Path to a TLS CA (Certification Authority) file used to verify certificates presented by clients");
}

JaegerReceiverSettings jaeger_settings_from_config(const common::Config& config) {
  JaegerReceiverSettings s;
  s.http.host_port = config.get("collector.http-server.host-port");
  s.grpc.host_port = config.get("collector.grpc-server.host-port");
  int64_t max_message = config.get_int("collector.grpc-server.max-message-size");
  if (max_message <= 0 || max_message > INT32_MAX)
    throw common::ConfigError("collector.grpc-server.max-message-size must be a positive 32-bit integer");
  s.grpc.max_receive_message_bytes = static_cast<int>(max_message);
  s.grpc.tls.enabled = config.get_bool("collector.grpc.tls.enabled");
  s.grpc.tls.cert_file = config.get("collector.grpc.tls.cert");
  s.grpc.tls.key_file = config.get("collector.grpc.tls.key");
  s.grpc.tls.client_ca_file = config.get("collector.grpc.tls.client-ca");
  return s;
}

}  // namespace peregrine::receivers
