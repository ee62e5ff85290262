// Thread-per-connection Beast server (see sync_http_server.hpp).
#include "tests/es-double/sync_http_server.hpp"

#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>
#include <mutex>
#include <set>

#include "backend/common/tls_server_context.hpp"

namespace peregrine::esdouble {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct SyncHttpServer::Impl {
  std::string host;
  uint16_t requested_port;
  Handler handler;
  common::TlsServerSettings tls_settings;
  std::unique_ptr<common::TlsServerContext> tls;  // null: plain HTTP
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::thread accept_thread;
  std::atomic<bool> running{false};
  std::mutex mu;
  std::set<std::shared_ptr<tcp::socket>> sockets;

  void serve(std::shared_ptr<tcp::socket> sock) {
    beast::error_code ec;
    if (tls) {
      auto context = tls->for_new_connection();
      asio::ssl::stream<tcp::socket&> stream(*sock, *context);
      stream.handshake(asio::ssl::stream_base::server, ec);
      if (!ec) exchange(stream);
    } else {
      exchange(*sock);
    }
    sock->shutdown(tcp::socket::shutdown_both, ec);
    sock->close(ec);
    std::lock_guard<std::mutex> lock(mu);
    sockets.erase(sock);
  }

  // Request/response loop on one connection until it closes, fails, or the handler drops it.
  template <class Stream>
  void exchange(Stream& stream) {
    beast::flat_buffer buffer;
    beast::error_code ec;
    while (running) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(512u << 20);
      parser.header_limit(64u << 10);
      http::read(stream, buffer, parser, ec);
      if (ec) break;
      auto& req = parser.get();
      Request r;
      r.method = std::string(req.method_string());
      r.target = std::string(req.target());
      for (const auto& f : req) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers[name] = std::string(f.value());
      }
      r.body = std::move(req.body());
      Response resp;
      try {
        resp = handler(r);
      } catch (const std::exception& e) {
        resp.status = 500;
        resp.body = std::string("{\"error\":\"double internal error: ") + e.what() + "\"}";
      }
      if (resp.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(resp.delay_ms));
      if (resp.drop_connection) break;
      http::response<http::string_body> res{static_cast<http::status>(resp.status), req.version()};
      res.set(http::field::server, "peregrine-es-double");
      res.set(http::field::content_type, resp.content_type);
      res.keep_alive(req.keep_alive());
      res.body() = std::move(resp.body);
      res.prepare_payload();
      http::write(stream, res, ec);
      if (ec || !res.keep_alive()) break;
    }
  }
};

SyncHttpServer::SyncHttpServer(std::string host, uint16_t port, Handler handler, common::TlsServerSettings tls)
    : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->requested_port = port;
  impl_->handler = std::move(handler);
  impl_->tls_settings = std::move(tls);
}

SyncHttpServer::~SyncHttpServer() { stop(); }

void SyncHttpServer::start() {
  if (impl_->tls_settings.enabled) impl_->tls = std::make_unique<common::TlsServerContext>(impl_->tls_settings);
  tcp::endpoint ep(asio::ip::make_address(impl_->host), impl_->requested_port);
  impl_->acceptor.open(ep.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(ep);
  impl_->acceptor.listen(asio::socket_base::max_listen_connections);
  impl_->running = true;
  Impl* impl = impl_.get();
  impl_->accept_thread = std::thread([impl] {
    while (impl->running) {
      auto sock = std::make_shared<tcp::socket>(impl->io);
      beast::error_code ec;
      impl->acceptor.accept(*sock, ec);
      if (ec) {
        if (!impl->running) break;
        continue;
      }
      sock->set_option(tcp::no_delay(true), ec);
      {
        std::lock_guard<std::mutex> lock(impl->mu);
        impl->sockets.insert(sock);
      }
      std::thread([impl, sock] { impl->serve(sock); }).detach();
    }
  });
}

uint16_t SyncHttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void SyncHttpServer::stop() {
  if (!impl_ || !impl_->running.exchange(false)) return;
  beast::error_code ec;
  impl_->acceptor.close(ec);
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    for (auto& s : impl_->sockets) s->shutdown(tcp::socket::shutdown_both, ec);
  }
  if (impl_->accept_thread.joinable()) impl_->accept_thread.join();
}

}  // namespace peregrine::esdouble
