// HttpServer: an HTTP/1.1 server on Boost.Beast (keep-alive, request body limit, N I/O threads) that routes
// each request to one HttpHandler. Binds "host:port" (":0" for an ephemeral port in tests).
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "backend/common/http_types.hpp"

namespace peregrine::common {

struct HttpServerOptions {
  std::string host_port = ":0";          // Jaeger-style: ":16686", "0.0.0.0:4318", "localhost:0"
  size_t max_body_bytes = 64u << 20;     // larger bodies → 413
  int threads = 2;
  std::string name = "http";             // for logs
};

class HttpServer {
 public:
  HttpServer(HttpServerOptions opts, HttpHandler handler);
  ~HttpServer();  // stops
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving; throws std::runtime_error when the address cannot be bound.
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
