// StreamingHttpServer: a small HTTP/1.1 server on Boost.Beast (one thread per connection, keep-alive) whose
// handlers can answer with a whole body or with a chunked stream (watches). backend/common's HttpServer has no
// streaming responses, hence this one. No TLS. stop() closes the listener and every connection, then joins.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "backend/common/http_types.hpp"

namespace peregrine::kubedouble {

// The body of a streamed response: write() sends one chunk (false once the client is gone);
// client_alive() notices a client that hung up while nothing is being written.
class ResponseStream {
 public:
  virtual ~ResponseStream() = default;
  virtual bool write(std::string_view chunk) = 0;
  virtual bool client_alive() = 0;
};

struct ServerResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::function<void(ResponseStream&)> stream;  // when set: chunked response produced by this function
  bool close_without_answer = false;            // fault injection: drop the connection instead of answering
};

using RequestHandler = std::function<ServerResponse(const common::HttpRequest&)>;

class StreamingHttpServer {
 public:
  StreamingHttpServer(std::string host, uint16_t port, RequestHandler handler);
  ~StreamingHttpServer();
  StreamingHttpServer(const StreamingHttpServer&) = delete;
  StreamingHttpServer& operator=(const StreamingHttpServer&) = delete;

  // Binds (SO_REUSEADDR, so a restart can take the same port) and starts accepting. Throws on bind failure.
  void start();
  uint16_t port() const { return port_; }
  void stop();

 private:
  struct Connection;
  void accept_loop();
  void serve(Connection& connection);
  void reap_finished();

  std::string host_;
  uint16_t port_;
  RequestHandler handler_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<bool> stopping_{false};
  std::thread accept_thread_;
  std::mutex connections_mutex_;
  std::list<std::unique_ptr<Connection>> connections_;
};

}  // namespace peregrine::kubedouble
