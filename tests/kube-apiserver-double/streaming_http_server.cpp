// Beast-based HTTP/1.1 server with chunked streaming responses.
#include "tests/kube-apiserver-double/streaming_http_server.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace peregrine::kubedouble {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

struct StreamingHttpServer::Impl {
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
};

struct StreamingHttpServer::Connection {
  explicit Connection(tcp::socket s) : socket(std::move(s)) {}
  tcp::socket socket;
  std::thread thread;
  std::atomic<bool> done{false};
};

namespace {

class ChunkedStream : public ResponseStream {
 public:
  explicit ChunkedStream(tcp::socket& socket) : socket_(socket) {}
  bool write(std::string_view chunk) override {
    if (failed_) return false;
    beast::error_code ec;
    asio::write(socket_, http::make_chunk(asio::const_buffer(chunk.data(), chunk.size())), ec);
    if (ec) failed_ = true;
    return !failed_;
  }
  bool client_alive() override {
    if (failed_) return false;
    pollfd pfd{socket_.native_handle(), POLLIN | POLLRDHUP, 0};
    if (::poll(&pfd, 1, 0) <= 0) return true;
    if (pfd.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) return false;
    if (pfd.revents & POLLIN) {
      char byte;
      const ssize_t n = ::recv(socket_.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
      if (n == 0) return false;
    }
    return true;
  }
  bool failed() const { return failed_; }

 private:
  tcp::socket& socket_;
  bool failed_ = false;
};

common::HttpRequest to_request(const http::request<http::string_body>& req, const std::string& remote) {
  common::HttpRequest out;
  out.method = std::string(req.method_string());
  out.target = std::string(req.target());
  const auto q = out.target.find('?');
  out.path = common::percent_decode(std::string_view(out.target).substr(0, q), false);
  if (q != std::string::npos) out.query = common::parse_query_string(std::string_view(out.target).substr(q + 1));
  for (const auto& field : req) out.headers[std::string(field.name_string())] = std::string(field.value());
  out.body = req.body();
  out.remote_address = remote;
  return out;
}

ServerResponse internal_error(const std::string& what) {
  ServerResponse r;
  r.status = 500;
  r.body = nlohmann::json{{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", nlohmann::json::object()},
                          {"status", "Failure"}, {"reason", "InternalError"}, {"code", 500},
                          {"message", "internal error: " + what}}
               .dump();
  return r;
}

}  // namespace

StreamingHttpServer::StreamingHttpServer(std::string host, uint16_t port, RequestHandler handler)
    : host_(std::move(host)), port_(port), handler_(std::move(handler)), impl_(std::make_unique<Impl>()) {}

StreamingHttpServer::~StreamingHttpServer() { stop(); }

void StreamingHttpServer::start() {
  stopping_ = false;
  tcp::endpoint endpoint(asio::ip::make_address(host_), port_);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  port_ = acceptor.local_endpoint().port();
  accept_thread_ = std::thread([this] { accept_loop(); });
}

void StreamingHttpServer::accept_loop() {
  while (!stopping_) {
    beast::error_code ec;
    tcp::socket socket(impl_->ioc);
    impl_->acceptor.accept(socket, ec);
    if (ec) {
      if (stopping_) break;
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    reap_finished();
    std::lock_guard lock(connections_mutex_);
    if (stopping_) break;
    auto connection = std::make_unique<Connection>(std::move(socket));
    Connection* raw = connection.get();
    connections_.push_back(std::move(connection));
    raw->thread = std::thread([this, raw] {
      serve(*raw);
      raw->done = true;
    });
  }
}

void StreamingHttpServer::reap_finished() {
  std::list<std::unique_ptr<Connection>> finished;
  {
    std::lock_guard lock(connections_mutex_);
    for (auto it = connections_.begin(); it != connections_.end();) {
      if ((*it)->done) {
        finished.push_back(std::move(*it));
        it = connections_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& c : finished) {
    if (c->thread.joinable()) c->thread.join();
  }
}

void StreamingHttpServer::serve(Connection& connection) {
  auto& socket = connection.socket;
  beast::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  const std::string remote_address = ec ? std::string() : remote.address().to_string() + ":" + std::to_string(remote.port());
  beast::flat_buffer buffer;
  while (!stopping_) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(64u << 20);
    http::read(socket, buffer, parser, ec);
    if (ec) break;
    const auto req = parser.release();
    ServerResponse response;
    try {
      response = handler_(to_request(req, remote_address));
    } catch (const std::exception& e) {
      response = internal_error(e.what());
    }
    if (response.close_without_answer) break;
    if (!response.stream) {
      http::response<http::string_body> res{static_cast<http::status>(response.status), req.version()};
      res.set(http::field::server, "peregrine-kube-double");
      res.set(http::field::content_type, response.content_type);
      for (const auto& [k, v] : response.headers) res.set(k, v);
      res.keep_alive(req.keep_alive());
      res.body() = std::move(response.body);
      res.prepare_payload();
      http::write(socket, res, ec);
      if (ec || !req.keep_alive()) break;
      continue;
    }
    http::response<http::empty_body> res{static_cast<http::status>(response.status), req.version()};
    res.set(http::field::server, "peregrine-kube-double");
    res.set(http::field::content_type, response.content_type);
    for (const auto& [k, v] : response.headers) res.set(k, v);
    res.keep_alive(false);
    res.chunked(true);
    http::response_serializer<http::empty_body> serializer{res};
    http::write_header(socket, serializer, ec);
    if (ec) break;
    ChunkedStream stream(socket);
    try {
      response.stream(stream);
    } catch (const std::exception&) {
      // The stream producer failed mid-way: end the response abruptly.
      break;
    }
    if (!stream.failed()) asio::write(socket, http::make_chunk_last(), ec);
    break;
  }
  // Only shut down here: the descriptor stays valid (closed when the connection is reaped) so stop() can never
  // shut down a reused descriptor number.
  socket.shutdown(tcp::socket::shutdown_both, ec);
}

void StreamingHttpServer::stop() {
  if (stopping_.exchange(true)) {
    if (accept_thread_.joinable()) accept_thread_.join();
    return;
  }
  beast::error_code ec;
  if (impl_->acceptor.is_open()) {
    ::shutdown(impl_->acceptor.native_handle(), SHUT_RDWR);
  }
  if (accept_thread_.joinable()) accept_thread_.join();
  impl_->acceptor.close(ec);
  std::list<std::unique_ptr<Connection>> all;
  {
    std::lock_guard lock(connections_mutex_);
    for (auto& c : connections_) ::shutdown(c->socket.native_handle(), SHUT_RDWR);
    all.swap(connections_);
  }
  for (auto& c : all) {
    if (c->thread.joinable()) c->thread.join();
  }
}

}  // namespace peregrine::kubedouble
