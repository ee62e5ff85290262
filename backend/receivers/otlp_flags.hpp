// Jaeger v1 command-line flags of the OTLP receivers (--collector.otlp.*) and their translation into receiver
// options, including server TLS on both ports (--collector.otlp.{grpc,http}.tls.*, common/tls_settings.hpp).
// Flags Jaeger has but Peregrine does not implement (the HTTP read/idle timeouts) are declared as ignored so
// existing command lines keep working (with a warning).
#pragma once
#include "backend/common/config.hpp"
#include "backend/receivers/otlp_grpc_receiver.hpp"
#include "backend/receivers/otlp_http_receiver.hpp"

namespace peregrine::receivers {

void define_otlp_flags(common::Config& config);

struct OtlpReceiverSettings {
  bool enabled = true;  // --collector.otlp.enabled
  OtlpGrpcOptions grpc;
  OtlpHttpOptions http;
};

// Reads the flags declared by define_otlp_flags. Throws common::ConfigError on invalid values.
OtlpReceiverSettings otlp_settings_from_config(const common::Config& config);

}  // namespace peregrine::receivers
