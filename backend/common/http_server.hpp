// HttpServer: an HTTP/1.1 server on Boost.Beast (keep-alive, request body limit, N I/O threads) that routes
// each request to one HttpHandler. Binds "host:port" (":0" for an ephemeral port in tests).
// With tls.enabled (the constructor's third argument) it serves HTTPS instead (Jaeger's `*.tls.*` server semantics, see tls_settings.hpp and
// tls_server_context.hpp); a plain HTTP request sent to a TLS port is answered "400 Bad Request" in clear text, as
// Go's net/http does, and closed. Without TLS the plain TCP path is unchanged.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "backend/common/http_types.hpp"
#include "backend/common/tls_server_context.hpp"
#include "backend/common/tls_settings.hpp"

namespace peregrine::common {

struct HttpServerOptions {
  std::string host_port = ":0";          // Jaeger-style: ":16686", "0.0.0.0:4318", "localhost:0"
  size_t max_body_bytes = 64u << 20;     // larger bodies → 413
  int threads = 2;
  std::string name = "http";             // for logs
};

class HttpServer {
 public:
  // `tls` disabled (the default) = plain HTTP.
  HttpServer(HttpServerOptions opts, HttpHandler handler, TlsServerSettings tls = {});
  // HTTPS with a context its owner keeps (e.g. in-memory certificates it replaces while serving).
  HttpServer(HttpServerOptions opts, HttpHandler handler, std::shared_ptr<TlsServerContext> tls);
  ~HttpServer();  // stops
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving; throws std::runtime_error when the address cannot be bound or a TLS file cannot be
  // read or used (ConfigError for invalid TLS settings).
  void start();
  // The bound port (valid after start()).
  uint16_t port() const;
  // Stops accepting, finishes in-flight requests, joins threads. Idempotent.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Splits Jaeger host-port strings: ":4318" → ("0.0.0.0", 4318); "localhost:0" → ("localhost", 0);
// "[::1]:80" → ("::1", 80); "4318" → ("0.0.0.0", 4318). Throws std::invalid_argument on garbage.
std::pair<std::string, uint16_t> split_host_port(const std::string& host_port);

}  // namespace peregrine::common
