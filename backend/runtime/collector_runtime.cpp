// CollectorRuntime wiring.
#include "backend/runtime/collector_runtime.hpp"

#include <grpcpp/impl/service_type.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "backend/receivers/jaeger/jaeger_flags.hpp"
#include "backend/receivers/jaeger/jaeger_grpc_receiver.hpp"
#include "backend/receivers/jaeger/jaeger_http_receiver.hpp"
#include "backend/receivers/otlp_flags.hpp"
#include "backend/receivers/otlp_grpc_receiver.hpp"
#include "backend/receivers/otlp_http_receiver.hpp"
#include "backend/receivers/zipkin/zipkin_http_receiver.hpp"
#include "backend/sampling/adaptive_strategy_provider.hpp"
#include "backend/sampling/file_strategy_provider.hpp"

namespace peregrine::runtime {

void define_collector_flags(common::Config& cfg) {
  cfg.define("collector.queue-size", "2000", "The queue size of the collector (in spans)");
  cfg.define("collector.num-workers", "50", "The number of workers pulling items from the queue");
  receivers::define_otlp_flags(cfg);
  receivers::define_jaeger_receiver_flags(cfg);
  receivers::define_zipkin_receiver_flags(cfg);
  sampling::define_sampling_flags(cfg);
  sampling::define_adaptive_sampling_flags(cfg);
}

namespace {
// Feeds adaptive sampling's throughput counts from the batches the ingest queue accepts.
class AdaptiveThroughputObserver final : public pipeline::SpanBatchObserver {
 public:
  explicit AdaptiveThroughputObserver(std::shared_ptr<sampling::AdaptiveStrategyProvider> provider)
      : provider_(std::move(provider)) {}
  void observe(const model::SpanBatch& accepted) override { provider_->aggregator().record_batch(accepted); }

 private:
  std::shared_ptr<sampling::AdaptiveStrategyProvider> provider_;
};
}  // namespace

CollectorRuntime::CollectorRuntime(const common::Config& cfg, std::shared_ptr<storage::SpanWriter> writer,
                                   common::MetricsRegistry& metrics)
    : cfg_(cfg), metrics_(metrics) {
  pipeline::IngestQueueOptions qopts;
  qopts.queue_size_spans = static_cast<size_t>(std::max<int64_t>(1, cfg.get_int("collector.queue-size")));
  qopts.num_workers = static_cast<int>(std::max<int64_t>(1, cfg.get_int("collector.num-workers")));
  if (sampling::sampling_config_type_from_config(cfg) == sampling::SamplingConfigType::Adaptive) {
    auto adaptive =
        std::make_shared<sampling::AdaptiveStrategyProvider>(sampling::adaptive_options_from_config(cfg));
    qopts.observer = std::make_shared<AdaptiveThroughputObserver>(adaptive);
    sampling_ = std::move(adaptive);
  } else {
    // Loads the strategies file now: a bad file is a start-up error, like Jaeger.
    sampling_ = std::make_shared<sampling::FileStrategyProvider>(sampling::sampling_options_from_config(cfg));
  }
  queue_ = std::make_unique<pipeline::IngestQueue>(qopts, std::move(writer), metrics_);
}

CollectorRuntime::~CollectorRuntime() { stop(); }

namespace {
// The error for a co-hosted port whose two flag families ask for different TLS settings (the port is one server,
// so only identical settings can be honoured).
std::string cohosted_tls_mismatch(const std::string& otlp_prefix, const std::string& jaeger_server_prefix,
                                  const std::string& jaeger_tls_prefix, const std::string& host_port) {
  return "--" + otlp_prefix + ".host-port and --" + jaeger_server_prefix + ".host-port both name " + host_port +
         ", so OTLP is served by the Jaeger receiver's server there and both need the same TLS settings: set --" +
         otlp_prefix + ".tls.* and --" + jaeger_tls_prefix + ".tls.* to identical values (or use another port)";
}
}  // namespace

bool same_listen_address(const std::string& a, const std::string& b) {
  auto [host_a, port_a] = common::split_host_port(a);
  auto [host_b, port_b] = common::split_host_port(b);
  auto any = [](const std::string& h) { return h.empty() || h == "0.0.0.0" || h == "::"; };
  return port_a != 0 && port_a == port_b && (host_a == host_b || (any(host_a) && any(host_b)));
}

void CollectorRuntime::start() {
  queue_->start();
  auto otlp = receivers::otlp_settings_from_config(cfg_);
  auto jaeger = receivers::jaeger_settings_from_config(cfg_);
  // Users (and the seeds) sometimes put OTLP on Jaeger's ports (:14250 / :14268). Both are gRPC / both are HTTP,
  // so instead of failing to bind, the OTLP endpoints are served by the Jaeger receiver's server on that port.
  bool otlp_grpc_cohosted = otlp.enabled && same_listen_address(otlp.grpc.host_port, jaeger.grpc.host_port);
  bool otlp_http_cohosted = otlp.enabled && same_listen_address(otlp.http.host_port, jaeger.http.host_port);
  // A co-hosted port is one server, so it has one TLS configuration.
  if (otlp_grpc_cohosted && !(otlp.grpc.tls == jaeger.grpc.tls))
    throw common::ConfigError(cohosted_tls_mismatch("collector.otlp.grpc", "collector.grpc-server", "collector.grpc",
                                                    otlp.grpc.host_port));
  if (otlp_http_cohosted && !(otlp.http.tls == jaeger.http.tls))
    throw common::ConfigError(cohosted_tls_mismatch("collector.otlp.http", "collector.http-server", "collector.http",
                                                    otlp.http.host_port));
  if (otlp_grpc_cohosted) {
    jaeger.grpc.cohosted_services.push_back(receivers::OtlpGrpcReceiver::make_service(*queue_, metrics_));
  }
  if (otlp_http_cohosted) {
    jaeger.http.cohosted_routes.emplace_back(
        "/v1/traces", receivers::make_otlp_http_handler(*queue_, otlp.http, &metrics_));
  }
  if (otlp.enabled && !otlp_grpc_cohosted) {
    otlp_grpc_ = std::make_unique<receivers::OtlpGrpcReceiver>(otlp.grpc, *queue_, metrics_);
    otlp_grpc_->start();
  }
  if (otlp.enabled && !otlp_http_cohosted) {
    otlp_http_ = std::make_unique<receivers::OtlpHttpReceiver>(otlp.http, *queue_, metrics_);
    otlp_http_->start();
  }
  jaeger_http_ = std::make_unique<receivers::JaegerHttpReceiver>(jaeger.http, *queue_, metrics_, sampling_.get());
  jaeger_http_->start();
  jaeger_grpc_ = std::make_unique<receivers::JaegerGrpcReceiver>(jaeger.grpc, *queue_, metrics_, sampling_.get());
  jaeger_grpc_->start();
  otlp_grpc_port_ = otlp_grpc_ ? otlp_grpc_->port() : otlp_grpc_cohosted ? jaeger_grpc_->port() : 0;
  otlp_http_port_ = otlp_http_ ? otlp_http_->port() : otlp_http_cohosted ? jaeger_http_->port() : 0;
  if (otlp.enabled) spdlog::info("OTLP receivers listening: grpc :{} http :{}", otlp_grpc_port_, otlp_http_port_);
  spdlog::info("Jaeger receivers listening: thrift-http :{} grpc :{}", jaeger_http_->port(), jaeger_grpc_->port());
  auto zipkin = receivers::zipkin_options_from_config(cfg_);
  if (!zipkin.host_port.empty()) {
    zipkin_http_ = std::make_unique<receivers::ZipkinHttpReceiver>(zipkin, *queue_, metrics_);
    zipkin_http_->start();
    spdlog::info("Zipkin receiver listening on :{}", zipkin_http_->port());
  }
}

size_t CollectorRuntime::stop() {
  if (stopped_) return 0;
  stopped_ = true;
  if (otlp_grpc_) otlp_grpc_->stop();
  if (otlp_http_) otlp_http_->stop();
  if (jaeger_http_) jaeger_http_->stop();
  if (jaeger_grpc_) jaeger_grpc_->stop();
  if (zipkin_http_) zipkin_http_->stop();
  size_t left = queue_->stop();
  if (left) spdlog::error("shutdown: {} spans could not be written before the drain deadline", left);
  return left;
}

pipeline::Sink& CollectorRuntime::sink() { return *queue_; }
sampling::StrategyProvider& CollectorRuntime::sampling() { return *sampling_; }

std::map<std::string, uint16_t> CollectorRuntime::ports() const {
  std::map<std::string, uint16_t> p;
  if (otlp_grpc_port_) p["otlp_grpc"] = otlp_grpc_port_;
  if (otlp_http_port_) p["otlp_http"] = otlp_http_port_;
  if (jaeger_http_) p["jaeger_thrift_http"] = jaeger_http_->port();
  if (jaeger_grpc_) p["jaeger_grpc"] = jaeger_grpc_->port();
  if (zipkin_http_) p["zipkin_http"] = zipkin_http_->port();
  return p;
}

}  // namespace peregrine::runtime
