// OTLP/HTTP trace receiver (Jaeger's :4318): POST /v1/traces with an ExportTraceServiceRequest encoded as
// application/x-protobuf or application/json (OTLP JSON), optionally Content-Encoding gzip/deflate.
//
// Responses (OTLP/HTTP spec): 200 + ExportTraceServiceResponse in the request's encoding; 400 with a
// google.rpc.Status (code 3 INVALID_ARGUMENT; protobuf- or JSON-encoded like the request) for undecodable or
// invalid data; 415 for other content types; 503 + Retry-After: 1 when the pipeline is full or stopping
// (google.rpc.Status code 14 UNAVAILABLE). CORS per --collector.otlp.http.cors.*.
// POST / is accepted as an alias of /v1/traces (some exporters are configured with the bare endpoint URL).
// HTTPS when --collector.otlp.http.tls.enabled (common/tls_settings.hpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "backend/common/http_server.hpp"
#include "backend/common/http_types.hpp"
#include "backend/common/metrics.hpp"
#include "backend/pipeline/sink.hpp"
#include "backend/receivers/otlp_http_cors.hpp"

namespace peregrine::receivers {

struct OtlpHttpHandlerOptions {
  size_t max_decompressed_bytes = 64u << 20;
  common::MetricsRegistry* metrics = nullptr;  // rejection counters when set
};

// Pure handler for POST /v1/traces (no CORS; see make_otlp_http_handler).
common::HttpResponse handle_otlp_http(const common::HttpRequest& request, pipeline::Sink& sink,
                                      const OtlpHttpHandlerOptions& options = {});

struct OtlpHttpOptions {
  std::string host_port = ":4318";
  CorsPolicy cors;
  size_t max_body_bytes = 64u << 20;  // compressed and decompressed limit
  int threads = 2;
  common::TlsServerSettings tls;      // --collector.otlp.http.tls.*
};

// The full endpoint: routes POST /v1/traces (and POST /) to handle_otlp_http, answers CORS preflights,
// adds CORS headers, 404/405 for anything else.
common::HttpHandler make_otlp_http_handler(pipeline::Sink& sink, const OtlpHttpOptions& options,
                                           common::MetricsRegistry* metrics);

// Owns the HTTP server serving make_otlp_http_handler.
class OtlpHttpReceiver {
 public:
  OtlpHttpReceiver(OtlpHttpOptions options, pipeline::Sink& sink, common::MetricsRegistry& metrics);
  ~OtlpHttpReceiver();
  OtlpHttpReceiver(const OtlpHttpReceiver&) = delete;
  OtlpHttpReceiver& operator=(const OtlpHttpReceiver&) = delete;

  // Binds and serves; throws std::runtime_error when the address cannot be bound or a TLS file is unusable.
  void start();
  uint16_t port() const;  // valid after start()
  void stop();            // idempotent

 private:
  std::unique_ptr<common::HttpServer> server_;
};

}  // namespace peregrine::receivers
