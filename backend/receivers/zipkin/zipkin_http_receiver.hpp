// Zipkin-compatible collector HTTP port (9411, enabled by --collector.zipkin.host-port):
//   POST /api/v2/spans — application/json (v2 JSON) or application/x-protobuf (zipkin.proto3.ListOfSpans)
//   POST /api/v1/spans — application/json (v1 JSON) or application/x-thrift (binary-protocol list<Span>)
//   Content-Encoding gzip accepted. 202 on success; 400 "Unsupported Content-Type" or "Unable to process request
//   body: ..." (counted as rejected); 503 + Retry-After when the pipeline is full or stopping.
//   CORS: --collector.zipkin.allowed-origins (default "*") and --collector.zipkin.allowed-headers.
//   HTTPS when --collector.zipkin.tls.enabled (common/tls_settings.hpp).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "backend/common/config.hpp"
#include "backend/common/http_server.hpp"
#include "backend/common/http_types.hpp"
#include "backend/common/metrics.hpp"
#include "backend/common/tls_settings.hpp"
#include "backend/pipeline/sink.hpp"

namespace peregrine::receivers {

struct ZipkinHttpOptions {
  std::string host_port;  // "" = disabled
  std::vector<std::string> allowed_origins{"*"};
  std::vector<std::string> allowed_headers{"content-type"};
  size_t max_body_bytes = 64u << 20;
  int threads = 2;
  common::TlsServerSettings tls;  // --collector.zipkin.tls.*
};

// Declares collector.zipkin.host-port (env COLLECTOR_ZIPKIN_HOST_PORT), collector.zipkin.allowed-origins,
// collector.zipkin.allowed-headers, collector.zipkin.keep-alive (accepted; connections are always kept alive) and
// collector.zipkin.tls.*.
void define_zipkin_receiver_flags(common::Config& config);
ZipkinHttpOptions zipkin_options_from_config(const common::Config& config);

// Pure handlers (no CORS). `metrics` may be null.
common::HttpResponse handle_zipkin_v2_http(const common::HttpRequest& request, pipeline::Sink& sink,
                                           common::MetricsRegistry* metrics, size_t max_decompressed_bytes = 64u << 20);
common::HttpResponse handle_zipkin_v1_http(const common::HttpRequest& request, pipeline::Sink& sink,
                                           common::MetricsRegistry* metrics, size_t max_decompressed_bytes = 64u << 20);

// The whole port: both routes, CORS preflight/headers, 404/405 otherwise.
common::HttpHandler make_zipkin_http_handler(pipeline::Sink& sink, const ZipkinHttpOptions& options,
                                             common::MetricsRegistry* metrics);

class ZipkinHttpReceiver {
 public:
  ZipkinHttpReceiver(ZipkinHttpOptions options, pipeline::Sink& sink, common::MetricsRegistry& metrics);
  ~ZipkinHttpReceiver();
  ZipkinHttpReceiver(const ZipkinHttpReceiver&) = delete;
  ZipkinHttpReceiver& operator=(const ZipkinHttpReceiver&) = delete;

  void start();           // throws std::runtime_error when the address cannot be bound
  uint16_t port() const;  // valid after start()
  void stop();            // idempotent

 private:
  std::unique_ptr<common::HttpServer> server_;
};

}  // namespace peregrine::receivers
