// TlsServer over common::HttpServer with an in-memory TLS context (see tls_server.hpp).
#include "operator/webhook/tls_server.hpp"

#include <mutex>
#include <stdexcept>

#include "backend/common/http_server.hpp"
#include "backend/common/tls_server_context.hpp"

namespace peregrine::operator_webhook {

struct TlsServer::Impl {
  TlsServerOptions options;
  common::HttpHandler handler;
  std::mutex mutex;
  std::shared_ptr<common::TlsServerContext> context;  // null until the first certificate
  std::unique_ptr<common::HttpServer> server;
};

TlsServer::TlsServer(TlsServerOptions options, common::HttpHandler handler) : impl_(std::make_shared<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
}

TlsServer::~TlsServer() { stop(); }

void TlsServer::set_certificate(const TlsCertificate& certificate) {
  const common::TlsServerPem pem{certificate.cert_chain_pem, certificate.private_key_pem, ""};
  std::lock_guard lock(impl_->mutex);
  if (impl_->context) {
    impl_->context->replace(pem);  // throws std::invalid_argument, keeping the previous one
  } else {
    impl_->context = std::make_shared<common::TlsServerContext>(common::TlsServerSettings{}, pem);
  }
}

bool TlsServer::has_certificate() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->context != nullptr;
}

void TlsServer::start() {
  std::lock_guard lock(impl_->mutex);
  if (!impl_->context) throw std::runtime_error(impl_->options.name + ": no serving certificate to start with");
  common::HttpServerOptions options;
  options.host_port = impl_->options.bind_address;
  options.threads = impl_->options.threads;
  options.max_body_bytes = impl_->options.max_body_bytes;
  options.name = impl_->options.name;
  impl_->server = std::make_unique<common::HttpServer>(options, impl_->handler, impl_->context);
  impl_->server->start();
}

uint16_t TlsServer::port() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->server ? impl_->server->port() : 0;
}

void TlsServer::stop() {
  std::unique_ptr<common::HttpServer> server;
  {
    std::lock_guard lock(impl_->mutex);
    server = std::move(impl_->server);
  }
  if (server) server->stop();
}

}  // namespace peregrine::operator_webhook
