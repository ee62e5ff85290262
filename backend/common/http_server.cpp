// HttpServer on Boost.Beast: an async accept loop and one strand-serialized Session per connection
// (read header → optional "100 Continue" → read body → run handler → write → keep-alive loop). Sessions are a
// template over the stream: plain TCP, or TLS (detect ClientHello → handshake → the same loop → close_notify).
// Oversized bodies get 413, malformed requests 400, handler exceptions 500 JSON; stop() closes the acceptor,
// lets in-flight responses finish, closes idle keep-alive connections and joins the I/O threads.
#include "backend/common/http_server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "backend/common/http_error.hpp"
#include "backend/common/tls_server_context.hpp"

namespace peregrine::common {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

constexpr size_t kMaxHeaderBytes = 1u << 20;          // Go's http.DefaultMaxHeaderBytes
constexpr auto kIdleTimeout = std::chrono::seconds(120);
constexpr auto kWriteTimeout = std::chrono::seconds(60);
constexpr auto kStopGrace = std::chrono::seconds(10);
constexpr size_t kMaxDrainBytes = 4u << 20;            // unread body consumed before closing after 413
constexpr auto kDrainTimeout = std::chrono::seconds(1);
constexpr auto kHandshakeTimeout = std::chrono::seconds(30);
constexpr auto kTlsShutdownTimeout = std::chrono::seconds(1);  // waiting for the peer's close_notify

std::string_view sv(beast::string_view s) { return {s.data(), s.size()}; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

}  // namespace

// State shared by the server and its sessions (sessions may briefly outlive HttpServer::Impl's users).
struct ServerCore {
  HttpServerOptions opts;
  HttpHandler handler;
  TlsServerSettings tls_settings;
  std::shared_ptr<TlsServerContext> tls;  // null: plain TCP
  std::mutex mu;
  std::condition_variable sessions_cv;
  std::atomic<bool> stopping{false};  // written under mu, read lock-free by sessions
  std::unordered_map<const void*, std::weak_ptr<class SessionBase>> sessions;
};

// What stop() needs of a session, whatever its stream.
class SessionBase {
 public:
  virtual ~SessionBase() = default;
  // Called from stop(): idle connections close now, busy ones after their response is written.
  virtual void shutdown() = 0;
};

using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// One connection. Stream is beast::tcp_stream (plain HTTP) or TlsStream (HTTPS: TLS detection and handshake
// first, close_notify on close); everything between is the same code.
template <class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

 public:
  Session(tcp::socket socket, std::shared_ptr<ServerCore> core) requires(!kTls)
      : stream_(std::move(socket)), core_(std::move(core)) {
    init_socket();
  }
  Session(tcp::socket socket, std::shared_ptr<ServerCore> core, std::shared_ptr<net::ssl::context> ssl) requires(kTls)
      : stream_(std::move(socket), *ssl), core_(std::move(core)), ssl_(std::move(ssl)) {
    init_socket();
  }

  ~Session() override {
    std::lock_guard<std::mutex> lock(core_->mu);
    core_->sessions.erase(static_cast<SessionBase*>(this));
    if (core_->sessions.empty()) core_->sessions_cv.notify_all();
  }

  void run() {
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kTls) {
        self->detect_tls();
      } else {
        self->read_header();
      }
    });
  }

  void shutdown() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      self->stopping_ = true;
      if (!self->writing_) self->close();
    });
  }

 private:
  beast::tcp_stream& tcp_layer() { return beast::get_lowest_layer(stream_); }

  void init_socket() {
    beast::error_code ec;
    auto ep = tcp_layer().socket().remote_endpoint(ec);
    if (!ec) remote_ = ep.address().to_string() + ":" + std::to_string(ep.port());
    tcp_layer().socket().set_option(tcp::no_delay(true), ec);
  }

  // TLS only: wait for the first bytes; a TLS ClientHello goes on to the handshake (with the bytes already
  // read), anything else gets Go's clear-text answer to HTTP on an HTTPS port.
  void detect_tls() {
    tcp_layer().expires_after(kIdleTimeout);
    beast::async_detect_ssl(tcp_layer(), buffer_, [self = this->shared_from_this()](beast::error_code ec, bool tls) {
      if (ec) return self->close();
      if (!tls) return self->reject_plain_http();
      self->handshake();
    });
  }

  void handshake() {
    if constexpr (kTls) {
      tcp_layer().expires_after(kHandshakeTimeout);
      stream_.async_handshake(net::ssl::stream_base::server, buffer_.data(),
                              [self = this->shared_from_this()](beast::error_code ec, size_t used) {
                                if (ec) {
                                  spdlog::info("{}: TLS handshake error from {}: {}", self->core_->opts.name,
                                               self->remote_, ec.message());
                                  return self->close_socket();
                                }
                                self->handshake_done_ = true;
                                self->buffer_.consume(used);
                                self->read_header();
                              });
    }
  }

  void reject_plain_http() {
    // Like Go's net/http: only input that looks like an HTTP request line gets an answer.
    const auto data = buffer_.data();
    const auto* first = static_cast<const unsigned char*>(data.data());
    if (data.size() == 0 || first[0] < 'A' || first[0] > 'Z') return close_socket();
    static const std::string kAnswer = "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n";
    writing_ = true;
    tcp_layer().expires_after(kWriteTimeout);
    net::async_write(tcp_layer(), net::buffer(kAnswer), [self = this->shared_from_this()](beast::error_code, size_t) {
      self->writing_ = false;
      self->close_socket();
    });
  }

  void read_header() {
    if (stopping_) return close();
    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    parser_->body_limit(core_->opts.max_body_bytes);
    tcp_layer().expires_after(kIdleTimeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = this->shared_from_this()](beast::error_code ec, size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    if (stopping_) return close();
    auto expect = parser_->get()[http::field::expect];
    if (iequals(sv(expect), "100-continue")) {
      continue_.emplace(http::status::continue_, parser_->get().version());
      writing_ = true;
      http::async_write(stream_, *continue_, [self = this->shared_from_this()](beast::error_code ec, size_t) {
        self->writing_ = false;
        if (ec) return self->close();
        self->read_body();
      });
      return;
    }
    read_body();
  }

  void read_body() {
    if (parser_->is_done()) return on_request();
    http::async_read(stream_, buffer_, *parser_, [self = this->shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->on_read_error(ec);
      self->on_request();
    });
  }

  static bool is_disconnect(beast::error_code ec) {
    if constexpr (kTls) {
      if (ec == net::ssl::error::stream_truncated) return true;  // peer closed without close_notify
    }
    return ec == http::error::end_of_stream || ec == net::error::operation_aborted || ec == beast::error::timeout ||
           ec == net::error::connection_reset || ec == net::error::eof;
  }

  void on_read_error(beast::error_code ec) {
    if (is_disconnect(ec) || stopping_) return close();
    if (ec == http::error::body_limit) {
      return send_error_and_close(413, "request body too large (limit " +
                                           std::to_string(core_->opts.max_body_bytes) + " bytes)");
    }
    if (ec == http::error::header_limit) return send_error_and_close(431, "request header fields too large");
    if (ec == http::error::partial_message) return close();
    send_error_and_close(400, "bad request: " + ec.message());
  }

  HttpRequest to_request(http::request<http::string_body>& msg) const {
    HttpRequest req;
    req.method = std::string(sv(msg.method_string()));
    req.target = std::string(sv(msg.target()));
    std::string_view target = sv(msg.target());
    size_t q = target.find('?');
    req.path = percent_decode(target.substr(0, q), false);
    if (q != std::string_view::npos) req.query = parse_query_string(target.substr(q + 1));
    for (const auto& field : msg) {
      std::string name(sv(field.name_string()));
      auto [it, inserted] = req.headers.emplace(name, std::string(sv(field.value())));
      if (!inserted) {
        it->second += ", ";
        it->second += sv(field.value());
      }
    }
    req.body = std::move(msg.body());
    req.remote_address = remote_;
    return req;
  }

  HttpResponse call_handler(const HttpRequest& req) const {
    try {
      return core_->handler(req);
    } catch (const std::exception& e) {
      spdlog::error("{}: handler for {} {} threw: {}", core_->opts.name, req.method, req.path, e.what());
      return json_error(500, e.what());
    } catch (...) {
      spdlog::error("{}: handler for {} {} threw a non-standard exception", core_->opts.name, req.method,
                    req.path);
      return json_error(500, "internal server error");
    }
  }

  void on_request() {
    http::request<http::string_body> msg = parser_->release();
    const bool keep_alive = msg.keep_alive();
    const bool head = msg.method() == http::verb::head;
    const unsigned version = msg.version();
    HttpRequest req = to_request(msg);
    HttpResponse out = call_handler(req);

    if (out.status < 100 || out.status > 999) {
      spdlog::error("{}: handler for {} {} returned invalid status {}", core_->opts.name, req.method, req.path,
                    out.status);
      out = json_error(500, "handler returned an invalid HTTP status");
    }
    // These statuses must not carry a body.
    if (out.status < 200 || out.status == 204 || out.status == 304) out.body.clear();

    res_ = {};
    res_.version(version);
    res_.result(static_cast<unsigned>(out.status));
    if (!out.content_type.empty()) res_.set(http::field::content_type, out.content_type);
    for (auto& [name, value] : out.headers) res_.insert(name, value);
    res_.body() = std::move(out.body);
    res_.keep_alive(keep_alive && !stopping_ && !core_->stopping.load(std::memory_order_relaxed));
    res_.prepare_payload();
    if (head) res_.body().clear();  // Content-Length stays that of the GET representation
    write_response(!res_.keep_alive());
  }

  void write_response(bool close_after) {
    writing_ = true;
    tcp_layer().expires_after(kWriteTimeout);
    http::async_write(stream_, res_, [self = this->shared_from_this(), close_after](beast::error_code ec, size_t) {
      self->writing_ = false;
      self->res_ = {};
      if (ec) return self->close();
      if (close_after || self->stopping_) return self->close();
      self->read_header();
    });
  }

  // Used when the request cannot be read to completion: answer, then (plain TCP: half-close and) drain so the
  // client sees the response instead of a connection reset; over TLS close_notify follows the drain.
  void send_error_and_close(int status, const std::string& message) {
    HttpResponse out = json_error(status, message);
    res_ = {};
    res_.version(11);
    res_.result(static_cast<unsigned>(status));
    res_.set(http::field::content_type, out.content_type);
    res_.body() = std::move(out.body);
    res_.keep_alive(false);
    res_.prepare_payload();
    writing_ = true;
    tcp_layer().expires_after(kWriteTimeout);
    http::async_write(stream_, res_, [self = this->shared_from_this()](beast::error_code ec, size_t) {
      self->writing_ = false;
      if (ec) return self->close();
      if constexpr (!kTls) {
        beast::error_code ignored;
        self->tcp_layer().socket().shutdown(tcp::socket::shutdown_send, ignored);
      }
      // Over TLS too: a client still sending its body would otherwise get a reset instead of the answer.
      self->drain();
    });
  }

  void drain() {
    if (drained_ >= kMaxDrainBytes || stopping_) return close();
    tcp_layer().expires_after(kDrainTimeout);
    stream_.async_read_some(net::buffer(drain_buf_), [self = this->shared_from_this()](beast::error_code ec, size_t n) {
      if (ec) return self->close();
      self->drained_ += n;
      self->drain();
    });
  }

  void close() {
    if (closed_) return;
    if constexpr (kTls) {
      if (handshake_done_) {
        closed_ = true;
        tcp_layer().expires_after(kTlsShutdownTimeout);
        stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->close_socket(); });
        return;
      }
    }
    close_socket();
  }

  void close_socket() {
    closed_ = true;
    if (socket_closed_) return;
    socket_closed_ = true;
    beast::error_code ignored;
    tcp_layer().socket().shutdown(tcp::socket::shutdown_both, ignored);
    tcp_layer().close();
  }

  Stream stream_;
  std::shared_ptr<ServerCore> core_;
  std::shared_ptr<net::ssl::context> ssl_;  // TLS only: keeps the context of this connection alive
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::empty_body>> continue_;
  http::response<http::string_body> res_;
  std::string remote_;
  std::array<char, 16384> drain_buf_{};
  size_t drained_ = 0;
  bool writing_ = false;
  bool stopping_ = false;
  bool closed_ = false;
  bool socket_closed_ = false;
  bool handshake_done_ = false;
};

struct HttpServer::Impl {
  Impl(HttpServerOptions opts, HttpHandler handler, TlsServerSettings tls_settings,
       std::shared_ptr<TlsServerContext> tls)
      : ioc(std::max(1, opts.threads)), acceptor(net::make_strand(ioc)), core(std::make_shared<ServerCore>()) {
    core->opts = std::move(opts);
    core->handler = std::move(handler);
    core->tls_settings = std::move(tls_settings);
    core->tls = std::move(tls);
  }

  void accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      if (!ec) {
        if (core->tls) {
          if (!start_session(std::make_shared<Session<TlsStream>>(std::move(socket), core,
                                                                  core->tls->for_new_connection())))
            return;
        } else if (!start_session(std::make_shared<Session<beast::tcp_stream>>(std::move(socket), core))) {
          return;
        }
      } else {
        spdlog::warn("{}: accept failed: {}", core->opts.name, ec.message());
      }
      accept();
    });
  }

  // Registers the session (so stop() can reach it) and runs it; false once the server is stopping.
  template <class S>
  bool start_session(std::shared_ptr<S> session) {
    {
      std::lock_guard<std::mutex> lock(core->mu);
      if (core->stopping) return false;
      core->sessions.emplace(static_cast<SessionBase*>(session.get()), session);
    }
    session->run();
    return true;
  }

  net::io_context ioc;
  tcp::acceptor acceptor;
  std::shared_ptr<ServerCore> core;
  std::vector<std::thread> threads;
  uint16_t port = 0;
  bool started = false;
  bool stopped = false;
  std::mutex lifecycle_mu;
};

HttpServer::HttpServer(HttpServerOptions opts, HttpHandler handler, TlsServerSettings tls)
    : impl_(std::make_unique<Impl>(std::move(opts), std::move(handler), std::move(tls), nullptr)) {}

HttpServer::HttpServer(HttpServerOptions opts, HttpHandler handler, std::shared_ptr<TlsServerContext> tls)
    : impl_(std::make_unique<Impl>(std::move(opts), std::move(handler), TlsServerSettings{}, std::move(tls))) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
  std::lock_guard<std::mutex> lock(impl_->lifecycle_mu);
  if (impl_->started) throw std::logic_error("HttpServer already started");
  const auto& opts = impl_->core->opts;
  auto [host, port] = split_host_port(opts.host_port);
  if (impl_->core->tls_settings.enabled) impl_->core->tls = std::make_shared<TlsServerContext>(impl_->core->tls_settings);

  beast::error_code ec;
  tcp::resolver resolver(impl_->ioc);
  auto results = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
  if (ec) throw std::runtime_error(opts.name + ": cannot resolve " + opts.host_port + ": " + ec.message());
  // Prefer IPv4 (like Go's "localhost" resolution) then whatever else resolves.
  std::vector<tcp::endpoint> endpoints;
  for (const auto& r : results)
    if (r.endpoint().address().is_v4()) endpoints.push_back(r.endpoint());
  for (const auto& r : results)
    if (!r.endpoint().address().is_v4()) endpoints.push_back(r.endpoint());

  std::string last_error = "no address";
  bool bound = false;
  for (const auto& ep : endpoints) {
    beast::error_code bind_ec;
    impl_->acceptor.open(ep.protocol(), bind_ec);
    if (!bind_ec) impl_->acceptor.set_option(net::socket_base::reuse_address(true), bind_ec);
    if (!bind_ec) impl_->acceptor.bind(ep, bind_ec);
    if (!bind_ec) impl_->acceptor.listen(net::socket_base::max_listen_connections, bind_ec);
    if (!bind_ec) {
      bound = true;
      break;
    }
    last_error = bind_ec.message();
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
  }
  if (!bound) throw std::runtime_error(opts.name + ": cannot listen on " + opts.host_port + ": " + last_error);
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->started = true;

  impl_->accept();
  const int threads = std::max(1, opts.threads);
  for (int i = 0; i < threads; ++i) {
    impl_->threads.emplace_back([impl = impl_.get()] {
      for (;;) {
        try {
          impl->ioc.run();
          return;
        } catch (const std::exception& e) {
          spdlog::error("{}: I/O thread error: {}", impl->core->opts.name, e.what());
        }
      }
    });
  }
  spdlog::info("{}: listening on {} (port {}{})", opts.name, opts.host_port, impl_->port,
               impl_->core->tls ? ", TLS" : "");
}

uint16_t HttpServer::port() const { return impl_->port; }

void HttpServer::stop() {
  std::lock_guard<std::mutex> lock(impl_->lifecycle_mu);
  if (!impl_->started || impl_->stopped) return;
  impl_->stopped = true;
  auto& core = *impl_->core;

  // 1. No new connections.
  net::post(impl_->acceptor.get_executor(), [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
  });
  // 2. Ask every live session to finish its current response and close.
  std::vector<std::shared_ptr<SessionBase>> live;
  {
    std::lock_guard<std::mutex> sessions_lock(core.mu);
    core.stopping = true;
    for (auto& [key, weak] : core.sessions)
      if (auto s = weak.lock()) live.push_back(std::move(s));
  }
  for (auto& s : live) s->shutdown();
  live.clear();
  // 3. Wait (bounded) for sessions to go away, then stop the loop and join.
  {
    std::unique_lock<std::mutex> sessions_lock(core.mu);
    core.sessions_cv.wait_for(sessions_lock, kStopGrace, [&] { return core.sessions.empty(); });
  }
  impl_->ioc.stop();
  for (auto& t : impl_->threads)
    if (t.joinable()) t.join();
  impl_->threads.clear();
}

std::pair<std::string, uint16_t> split_host_port(const std::string& host_port) {
  auto parse_port = [&](std::string_view s) -> uint16_t {
    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || value > 65535)
      throw std::invalid_argument("invalid port in host:port \"" + host_port + "\"");
    return static_cast<uint16_t>(value);
  };
  if (host_port.empty()) throw std::invalid_argument("empty host:port");
  if (host_port.front() == '[') {
    size_t close = host_port.find(']');
    if (close == std::string::npos || close + 1 >= host_port.size() || host_port[close + 1] != ':')
      throw std::invalid_argument("invalid host:port \"" + host_port + "\"");
    std::string host = host_port.substr(1, close - 1);
    if (host.empty()) host = "::";
    return {host, parse_port(std::string_view(host_port).substr(close + 2))};
  }
  size_t colon = host_port.rfind(':');
  if (colon == std::string::npos) return {"0.0.0.0", parse_port(host_port)};
  if (host_port.find(':') != colon)
    throw std::invalid_argument("invalid host:port \"" + host_port + "\" (IPv6 hosts need brackets)");
  std::string host = host_port.substr(0, colon);
  if (host.empty()) host = "0.0.0.0";
  return {host, parse_port(std::string_view(host_port).substr(colon + 1))};
}

}  // namespace peregrine::common
