// Jaeger collector HTTP port (14268):
//   POST /api/traces — a jaeger.thrift Batch in the binary protocol without a message envelope; Content-Type
//     application/x-thrift or application/vnd.apache.thrift.binary (others → 400 "Unsupported content type");
//     Content-Encoding gzip accepted. 202 on success, 400 on undecodable data (counted as rejected),
//     503 + Retry-After when the pipeline is full or stopping.
//   GET /api/sampling?service= and /api/baggageRestrictions — when a StrategyProvider is given.
// HTTPS when --collector.http.tls.enabled (common/tls_settings.hpp).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "backend/common/http_server.hpp"
#include "backend/common/http_types.hpp"
#include "backend/common/metrics.hpp"
#include "backend/pipeline/sink.hpp"
#include "backend/sampling/strategy_provider.hpp"

namespace peregrine::receivers {

struct JaegerHttpOptions {
  std::string host_port = ":14268";
  size_t max_body_bytes = 64u << 20;
  int threads = 2;
  common::TlsServerSettings tls;  // --collector.http.tls.*
  // Exact paths served by other handlers on the same port (OTLP/HTTP's /v1/traces when both receivers share a
  // host:port, e.g. --collector.otlp.http.host-port=:14268).
  std::vector<std::pair<std::string, common::HttpHandler>> cohosted_routes;
};

// Pure handler for POST /api/traces. `metrics` may be null.
common::HttpResponse handle_jaeger_thrift_http(const common::HttpRequest& request, pipeline::Sink& sink,
                                               common::MetricsRegistry* metrics,
                                               size_t max_decompressed_bytes = 64u << 20);

// The whole port as one handler (traces + sampling routes). `sampling` may be null (no sampling routes).
common::HttpHandler make_jaeger_http_handler(pipeline::Sink& sink, common::MetricsRegistry* metrics,
                                             sampling::StrategyProvider* sampling,
                                             size_t max_decompressed_bytes = 64u << 20);

class JaegerHttpReceiver {
 public:
  JaegerHttpReceiver(JaegerHttpOptions options, pipeline::Sink& sink, common::MetricsRegistry& metrics,
                     sampling::StrategyProvider* sampling = nullptr);
  ~JaegerHttpReceiver();
  JaegerHttpReceiver(const JaegerHttpReceiver&) = delete;
  JaegerHttpReceiver& operator=(const JaegerHttpReceiver&) = delete;

  void start();           // throws std::runtime_error when the address cannot be bound / a TLS file is unusable
  uint16_t port() const;  // valid after start()
  void stop();            // idempotent

 private:
  std::unique_ptr<common::HttpServer> server_;
};

}  // namespace peregrine::receivers
