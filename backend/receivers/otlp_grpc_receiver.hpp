// OTLP/gRPC trace receiver (Jaeger's :4317): opentelemetry.proto.collector.trace.v1.TraceService/Export on the
// gRPC callback API. Status mapping: OK when accepted (also for empty requests), INVALID_ARGUMENT with the
// conversion error, RESOURCE_EXHAUSTED when the pipeline queue is full, UNAVAILABLE while shutting down.
// gzip-compressed calls are handled by gRPC itself. Also serves grpc.health.v1.Health ("" and the TraceService
// name report SERVING while running). Optional server TLS (--collector.otlp.grpc.tls.*: client certificates
// checked when a client CA is given, certificate reload; see common/grpc_server_credentials.hpp).
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "backend/common/metrics.hpp"
#include "backend/common/tls_settings.hpp"
#include "backend/pipeline/sink.hpp"

namespace grpc {
class Server;
class Service;
}  // namespace grpc

namespace peregrine::receivers {

using OtlpGrpcTlsOptions = common::TlsServerSettings;

struct OtlpGrpcOptions {
  std::string host_port = ":4317";
  int max_receive_message_bytes = 4 << 20;  // --collector.otlp.grpc.max-message-size
  std::chrono::milliseconds max_connection_age{0};        // 0 = unlimited
  std::chrono::milliseconds max_connection_age_grace{0};  // 0 = unlimited
  OtlpGrpcTlsOptions tls;
};

class OtlpGrpcReceiver {
 public:
  OtlpGrpcReceiver(std::string host_port, pipeline::Sink& sink, common::MetricsRegistry& metrics);
  OtlpGrpcReceiver(OtlpGrpcOptions options, pipeline::Sink& sink, common::MetricsRegistry& metrics);
  ~OtlpGrpcReceiver();  // stops
  OtlpGrpcReceiver(const OtlpGrpcReceiver&) = delete;
  OtlpGrpcReceiver& operator=(const OtlpGrpcReceiver&) = delete;

  // Binds ("host:port", ":port", ":0" for an ephemeral port) and serves. Throws std::runtime_error when the
  // address cannot be bound or the TLS files cannot be read.
  void start();
  uint16_t port() const;  // the bound port, valid after start()
  // Stops accepting calls, lets in-flight calls finish (up to 5 s), releases the port. Idempotent.
  void stop();

  // The TraceService alone, for co-hosting on another receiver's gRPC server when both are configured on the
  // same host:port (e.g. --collector.otlp.grpc.host-port=:14250 next to Jaeger's gRPC receiver).
  static std::unique_ptr<grpc::Service> make_service(pipeline::Sink& sink, common::MetricsRegistry& metrics);

 private:
  class Service;
  OtlpGrpcOptions options_;
  pipeline::Sink& sink_;
  common::MetricsRegistry& metrics_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<grpc::Server> server_;
  uint16_t port_ = 0;
};

}  // namespace peregrine::receivers
