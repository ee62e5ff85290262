// CollectorRuntime: the collector half of a binary — the bounded ingest queue writing into a SpanWriter, every
// receiver feeding it (OTLP gRPC/HTTP, Jaeger Thrift HTTP 14268, Jaeger gRPC 14250, Zipkin 9411 when enabled) and
// the sampling strategy provider those endpoints answer from: the strategies file (default) or, with
// SAMPLING_CONFIG_TYPE=adaptive, adaptive sampling fed by every batch the queue accepts. Shared by
// peregrine-collector and peregrine-all-in-one.
// Shutdown order: stop receivers (no new spans), then drain the queue (every acknowledged span is written).
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "backend/common/config.hpp"
#include "backend/common/metrics.hpp"
#include "backend/pipeline/ingest_queue.hpp"
#include "backend/runtime/binary_main.hpp"
#include "backend/storage/span_writer.hpp"

namespace peregrine::receivers {
class OtlpGrpcReceiver;
class OtlpHttpReceiver;
class JaegerHttpReceiver;
class JaegerGrpcReceiver;
class ZipkinHttpReceiver;
}  // namespace peregrine::receivers
namespace peregrine::sampling {
class StrategyProvider;
}  // namespace peregrine::sampling

namespace peregrine::runtime {

// collector.queue-size, collector.num-workers, sampling and every receiver's flags.
void define_collector_flags(common::Config& cfg);

// True when two Jaeger-style host:port strings name the same listening socket (":14250" and "0.0.0.0:14250" do;
// ephemeral ":0" never does). When OTLP is configured on a Jaeger receiver's address, it is co-hosted there; their
// TLS settings must then be identical (else start() throws common::ConfigError).
bool same_listen_address(const std::string& a, const std::string& b);

class CollectorRuntime : public Component {
 public:
  CollectorRuntime(const common::Config& cfg, std::shared_ptr<storage::SpanWriter> writer,
                   common::MetricsRegistry& metrics);
  ~CollectorRuntime() override;

  // Starts the queue, then every enabled receiver. Throws when a port cannot be bound.
  void start() override;
  // Stops receivers, drains the queue. Returns the number of spans that could not be written (0 = clean).
  size_t stop() override;

  pipeline::Sink& sink();
  sampling::StrategyProvider& sampling();
  // Bound ports by name ("otlp_grpc", "otlp_http", ...), valid after start().
  std::map<std::string, uint16_t> ports() const override;

 private:
  const common::Config& cfg_;
  common::MetricsRegistry& metrics_;
  std::unique_ptr<pipeline::IngestQueue> queue_;
  std::unique_ptr<receivers::OtlpGrpcReceiver> otlp_grpc_;
  std::unique_ptr<receivers::OtlpHttpReceiver> otlp_http_;
  std::shared_ptr<sampling::StrategyProvider> sampling_;
  std::unique_ptr<receivers::JaegerHttpReceiver> jaeger_http_;
  std::unique_ptr<receivers::JaegerGrpcReceiver> jaeger_grpc_;
  std::unique_ptr<receivers::ZipkinHttpReceiver> zipkin_http_;
  uint16_t otlp_grpc_port_ = 0;
  uint16_t otlp_http_port_ = 0;
  bool stopped_ = false;
};

}  // namespace peregrine::runtime
