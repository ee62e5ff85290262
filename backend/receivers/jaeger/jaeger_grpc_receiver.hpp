// Jaeger collector gRPC port (14250): jaeger.api_v2.CollectorService/PostSpans, SamplingManager/
// GetSamplingStrategy (when a StrategyProvider is given) and grpc.health.v1.Health.
// PostSpans is served on the raw (byte buffer) callback API so undecodable requests are counted as rejected:
// OK when accepted (also for empty batches), INVALID_ARGUMENT for undecodable protobuf or malformed IDs,
// RESOURCE_EXHAUSTED when the pipeline queue is full, UNAVAILABLE while shutting down.
// Optional server TLS (--collector.grpc.tls.*), with client-certificate verification when a client CA is set and
// certificate reload (common/grpc_server_credentials.hpp).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "backend/common/metrics.hpp"
#include "backend/common/tls_settings.hpp"
#include "backend/pipeline/sink.hpp"
#include "backend/sampling/strategy_provider.hpp"

namespace grpc {
class Server;
class Service;
}  // namespace grpc

namespace peregrine::receivers {

using JaegerGrpcTlsOptions = common::TlsServerSettings;

struct JaegerGrpcOptions {
  std::string host_port = ":14250";
  int max_receive_message_bytes = 4 << 20;  // --collector.grpc-server.max-message-size
  JaegerGrpcTlsOptions tls;
  // Further services served on the same port (OTLP TraceService when both receivers share a host:port).
  std::vector<std::shared_ptr<grpc::Service>> cohosted_services;
};

class JaegerGrpcReceiver {
 public:
  JaegerGrpcReceiver(JaegerGrpcOptions options, pipeline::Sink& sink, common::MetricsRegistry& metrics,
                     sampling::StrategyProvider* sampling = nullptr);
  ~JaegerGrpcReceiver();  // stops
  JaegerGrpcReceiver(const JaegerGrpcReceiver&) = delete;
  JaegerGrpcReceiver& operator=(const JaegerGrpcReceiver&) = delete;

  void start();           // throws std::runtime_error when the address cannot be bound / TLS files unreadable
  uint16_t port() const;  // valid after start()
  void stop();            // idempotent; in-flight calls get up to 5 s

 private:
  class CollectorService;
  JaegerGrpcOptions options_;
  pipeline::Sink& sink_;
  common::MetricsRegistry& metrics_;
  sampling::StrategyProvider* sampling_;
  std::unique_ptr<CollectorService> collector_;
  std::unique_ptr<grpc::Service> sampling_service_;
  std::unique_ptr<grpc::Server> server_;
  uint16_t port_ = 0;
};

}  // namespace peregrine::receivers
