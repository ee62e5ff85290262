// Jaeger v1 flags of the Jaeger-native collector receivers and their translation into receiver options:
//   --collector.http-server.host-port (:14268), --collector.grpc-server.host-port (:14250),
//   --collector.grpc-server.max-message-size (4194304), and server TLS for both ports (Jaeger's legacy prefixes):
//   --collector.grpc.tls.* (gRPC) and --collector.http.tls.* (HTTP), see common/tls_settings.hpp.
#pragma once
#include "backend/common/config.hpp"
#include "backend/receivers/jaeger/jaeger_grpc_receiver.hpp"
#include "backend/receivers/jaeger/jaeger_http_receiver.hpp"

namespace peregrine::receivers {

void define_jaeger_receiver_flags(common::Config& config);

struct JaegerReceiverSettings {
  JaegerHttpOptions http;
  JaegerGrpcOptions grpc;
};

// Throws common::ConfigError on invalid values.
JaegerReceiverSettings jaeger_settings_from_config(const common::Config& config);

}  // namespace peregrine::receivers
