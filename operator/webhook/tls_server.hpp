// TlsServer: the webhook's HTTPS/1.1 server — common::HttpServer (the backend's Beast server: deadlines, 413 for
// oversized bodies, plain HTTP answered 400 and closed) over a TLS context holding the certificate in memory.
// TLS 1.2+ only. The serving certificate can be replaced at any time (hot reload): connections accepted afterwards
// use the new one, connections in progress finish with theirs.
#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "backend/common/http_types.hpp"

namespace peregrine::operator_webhook {

// PEM text: the certificate chain (leaf first) and its private key.
struct TlsCertificate {
  std::string cert_chain_pem;
  std::string private_key_pem;
  bool operator==(const TlsCertificate&) const = default;
};

struct TlsServerOptions {
  std::string bind_address = ":9443";  // "host:port"; ":0" picks an ephemeral port
  int threads = 2;
  std::size_t max_body_bytes = 16u << 20;
  std::string name = "webhook";         // for logs
};

class TlsServer {
 public:
  TlsServer(TlsServerOptions options, common::HttpHandler handler);
  ~TlsServer();  // stop()
  TlsServer(const TlsServer&) = delete;
  TlsServer& operator=(const TlsServer&) = delete;

  // Validates the PEM (the key must match the leaf) and makes it the certificate of new connections.
  // Throws std::invalid_argument when it cannot be used; the previous certificate stays in place then.
  void set_certificate(const TlsCertificate& certificate);
  bool has_certificate() const;

  // Binds and serves. Throws std::runtime_error without a certificate or when the address cannot be bound.
  void start();
  uint16_t port() const;  // the bound port, after start()
  // Closes the listener and every connection, joins the I/O threads. Idempotent.
  void stop();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace peregrine::operator_webhook
