// CollectorRuntime wiring.
#include "backend/runtime/collector_runtime.hpp"

#include <spdlog/spdlog.h>

#include "backend/receivers/otlp_flags.hpp"
#include "backend/receivers/otlp_grpc_receiver.hpp"
#include "backend/receivers/otlp_http_receiver.hpp"

namespace peregrine::runtime {

void define_collector_flags(common::Config& cfg) {
  cfg.define("collector.queue-size", "2000", "The queue size of the collector (in spans)");
  cfg.define("collector.num-workers", "50", "The number of workers pulling items from the queue");
  receivers::define_otlp_flags(cfg);
}

CollectorRuntime::CollectorRuntime(const common::Config& cfg, std::shared_ptr<storage::SpanWriter> writer,
                                   common::MetricsRegistry& metrics)
    : cfg_(cfg), metrics_(metrics) {
  pipeline::IngestQueueOptions qopts;
  qopts.queue_size_spans = static_cast<size_t>(std::max<int64_t>(1, cfg.get_int("collector.queue-size")));
  qopts.num_workers = static_cast<int>(std::max<int64_t>(1, cfg.get_int("collector.num-workers")));
  queue_ = std::make_unique<pipeline::IngestQueue>(qopts, std::move(writer), metrics_);
}

CollectorRuntime::~CollectorRuntime() { stop(); }

void CollectorRuntime::start() {
  queue_->start();
  auto otlp = receivers::otlp_settings_from_config(cfg_);
  if (otlp.enabled) {
    otlp_grpc_ = std::make_unique<receivers::OtlpGrpcReceiver>(otlp.grpc, *queue_, metrics_);
    otlp_grpc_->start();
    otlp_http_ = std::make_unique<receivers::OtlpHttpReceiver>(otlp.http, *queue_, metrics_);
    otlp_http_->start();
    spdlog::info("OTLP receivers listening: grpc :{} http :{}", otlp_grpc_->port(), otlp_http_->port());
  }
}

size_t CollectorRuntime::stop() {
  if (stopped_) return 0;
  stopped_ = true;
  if (otlp_grpc_) otlp_grpc_->stop();
  if (otlp_http_) otlp_http_->stop();
  size_t left = queue_->stop();
  if (left) spdlog::error("shutdown: {} spans could not be written before the drain deadline", left);
  return left;
}

pipeline::Sink& CollectorRuntime::sink() { return *queue_; }

std::map<std::string, uint16_t> CollectorRuntime::ports() const {
  std::map<std::string, uint16_t> p;
  if (otlp_grpc_) p["otlp_grpc"] = otlp_grpc_->port();
  if (otlp_http_) p["otlp_http"] = otlp_http_->port();
  return p;
}

}  // namespace peregrine::runtime
