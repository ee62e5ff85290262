// HTTPS server on Boost.Beast + Asio SSL (see tls_server.hpp): an async accept loop, one strand-serialized
// Session per connection (TLS handshake → read → handler → write → keep-alive loop), and the current SSL
// context behind a mutex so a new certificate only affects connections accepted after the swap.
#include "operator/webhook/tls_server.hpp"

#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <array>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "backend/common/http_server.hpp"

namespace peregrine::operator_webhook {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

constexpr std::uint32_t kMaxHeaderBytes = 1u << 20;
constexpr std::size_t kMaxDrainBytes = 16u << 20;
constexpr auto kDrainTimeout = std::chrono::seconds(2);

std::shared_ptr<ssl::context> make_ssl_context(const TlsCertificate& certificate) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
  boost::system::error_code ec;
  context->use_certificate_chain(net::buffer(certificate.cert_chain_pem), ec);
  if (ec) throw std::invalid_argument("the serving certificate chain cannot be loaded: " + ec.message());
  context->use_private_key(net::buffer(certificate.private_key_pem), ssl::context::pem, ec);
  if (ec) throw std::invalid_argument("the serving private key cannot be loaded: " + ec.message());
  if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
    throw std::invalid_argument("the serving private key does not match the certificate");
  }
  return context;
}

std::string to_string(beast::string_view text) { return std::string(text.data(), text.size()); }

common::HttpRequest to_common_request(const http::request<http::string_body>& in, const std::string& remote) {
  common::HttpRequest request;
  request.method = to_string(in.method_string());
  request.target = to_string(in.target());
  const auto question = request.target.find('?');
  request.path = common::percent_decode(request.target.substr(0, question), false);
  if (question != std::string::npos) request.query = common::parse_query_string(request.target.substr(question + 1));
  for (const auto& field : in) request.headers[to_string(field.name_string())] = to_string(field.value());
  request.body = in.body();
  request.remote_address = remote;
  return request;
}

}  // namespace

struct TlsServer::Impl {
  TlsServerOptions options;
  common::HttpHandler handler;
  mutable std::mutex context_mutex;
  std::shared_ptr<ssl::context> context;
  net::io_context io;
  tcp::acceptor acceptor{io};
  std::vector<std::thread> threads;
  uint16_t port = 0;
  bool started = false;
  bool stopped = false;

  std::shared_ptr<ssl::context> current_context() const {
    std::lock_guard lock(context_mutex);
    return context;
  }
  void accept_next();
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<ssl::context> context, const TlsServerOptions& options,
          const common::HttpHandler& handler)
      : context_(std::move(context)), stream_(std::move(socket), *context_), options_(options), handler_(handler) {
    beast::error_code ec;
    const auto endpoint = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
  }

  void run() { net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->handshake(); }); }

 private:
  void handshake() {
    beast::get_lowest_layer(stream_).expires_after(options_.io_timeout);
    stream_.async_handshake(ssl::stream_base::server, [self = shared_from_this()](beast::error_code ec) {
      if (ec) {
        spdlog::debug("{}: TLS handshake with {} failed: {}", self->options_.name, self->remote_, ec.message());
        return;
      }
      self->read();
    });
  }

  void read() {
    parser_.emplace();
    parser_->body_limit(options_.max_body_bytes);
    parser_->header_limit(kMaxHeaderBytes);
    beast::get_lowest_layer(stream_).expires_after(options_.io_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream) return shutdown();
    if (ec == http::error::body_limit) {
      draining_ = true;
      return respond(common::HttpResponse::json(413, R"({"error":"request body too large"})"), 11, false);
    }
    if (ec) return;  // broken, timed out or not HTTP: drop the connection
    const http::request<http::string_body> in = parser_->release();
    common::HttpResponse out;
    try {
      out = handler_(to_common_request(in, remote_));
    } catch (const std::exception& e) {
      spdlog::error("{}: handler failed: {}", options_.name, e.what());
      out = common::HttpResponse::json(500, R"({"error":"internal error"})");
    }
    respond(out, in.version(), in.keep_alive());
  }

  void respond(const common::HttpResponse& out, unsigned version, bool keep_alive) {
    response_ = {};
    response_.version(version);
    response_.result(static_cast<unsigned>(out.status));
    response_.set(http::field::content_type, out.content_type);
    for (const auto& [name, value] : out.headers) response_.set(name, value);
    response_.body() = out.body;
    response_.keep_alive(keep_alive);
    response_.prepare_payload();
    beast::get_lowest_layer(stream_).expires_after(options_.io_timeout);
    http::async_write(stream_, response_, [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
      if (ec) return;
      if (self->draining_) return self->drain();
      if (!keep_alive) return self->shutdown();
      self->read();
    });
  }

  // After a 413 the client may still be sending its body: read and discard some of it so the client sees the
  // answer instead of a connection reset.
  void drain() {
    if (drained_ >= kMaxDrainBytes) return shutdown();
    beast::get_lowest_layer(stream_).expires_after(kDrainTimeout);
    stream_.async_read_some(net::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      if (ec) return self->shutdown();
      self->drained_ += n;
      self->drain();
    });
  }

  void shutdown() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(2));
    stream_.async_shutdown([self = shared_from_this()](beast::error_code) {});
  }

  std::shared_ptr<ssl::context> context_;  // kept alive for this connection even after a certificate swap
  beast::ssl_stream<beast::tcp_stream> stream_;
  const TlsServerOptions& options_;
  const common::HttpHandler& handler_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  std::string remote_;
  bool draining_ = false;
  std::size_t drained_ = 0;
  std::array<char, 16384> drain_buffer_{};
};

}  // namespace

void TlsServer::Impl::accept_next() {
  acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    if (!acceptor.is_open()) return;
    if (!ec) {
      if (auto ssl_context = current_context()) {
        std::make_shared<Session>(std::move(socket), std::move(ssl_context), options, handler)->run();
      }
    } else if (ec != net::error::operation_aborted) {
      spdlog::warn("{}: accept failed: {}", options.name, ec.message());
    }
    accept_next();
  });
}

TlsServer::TlsServer(TlsServerOptions options, common::HttpHandler handler) : impl_(std::make_shared<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
}

TlsServer::~TlsServer() { stop(); }

void TlsServer::set_certificate(const TlsCertificate& certificate) {
  auto context = make_ssl_context(certificate);
  std::lock_guard lock(impl_->context_mutex);
  impl_->context = std::move(context);
}

bool TlsServer::has_certificate() const { return impl_->current_context() != nullptr; }

void TlsServer::start() {
  if (impl_->started) throw std::runtime_error(impl_->options.name + ": already started");
  if (!has_certificate()) throw std::runtime_error(impl_->options.name + ": no serving certificate");
  const auto [host, port] = common::split_host_port(impl_->options.bind_address);
  beast::error_code ec;
  tcp::resolver resolver(impl_->io);
  const auto results = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
  if (ec) throw std::runtime_error(impl_->options.name + ": cannot resolve " + impl_->options.bind_address);
  std::string last_error = "no address";
  bool bound = false;
  for (const auto& result : results) {
    beast::error_code bind_ec;
    impl_->acceptor.open(result.endpoint().protocol(), bind_ec);
    if (!bind_ec) impl_->acceptor.set_option(net::socket_base::reuse_address(true), bind_ec);
    if (!bind_ec) impl_->acceptor.bind(result.endpoint(), bind_ec);
    if (!bind_ec) impl_->acceptor.listen(net::socket_base::max_listen_connections, bind_ec);
    if (!bind_ec) {
      bound = true;
      break;
    }
    last_error = bind_ec.message();
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
  }
  if (!bound) {
    throw std::runtime_error(impl_->options.name + ": cannot listen on " + impl_->options.bind_address + ": " +
                             last_error);
  }
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->started = true;
  impl_->accept_next();
  const int threads = std::max(1, impl_->options.threads);
  for (int i = 0; i < threads; ++i) impl_->threads.emplace_back([impl = impl_] { impl->io.run(); });
  spdlog::info("{}: serving HTTPS on port {}", impl_->options.name, impl_->port);
}

uint16_t TlsServer::port() const { return impl_->port; }

void TlsServer::stop() {
  if (!impl_ || !impl_->started || impl_->stopped) return;
  impl_->stopped = true;
  net::post(impl_->io, [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
  });
  impl_->io.stop();
  for (auto& thread : impl_->threads) {
    if (thread.joinable()) thread.join();
  }
}

}  // namespace peregrine::operator_webhook
