// A small synchronous HTTP/1.1 server for the Elasticsearch double (Boost.Beast, one thread per connection,
// keep-alive). Unlike the production HttpServer it can misbehave on purpose: a handler may ask to delay the
// response or to close the connection without answering (simulated outages). Optionally HTTPS: with TLS settings
// every connection starts with a TLS handshake (common::TlsServerContext: certificate + key, and client
// certificates required and verified when a client CA is given); a failed handshake closes the connection.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "backend/common/tls_settings.hpp"

namespace peregrine::esdouble {

struct Request {
  std::string method;
  std::string target;  // raw request target
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};

struct Response {
  int status = 200;
  std::string body;
  std::string content_type = "application/json; charset=UTF-8";
  bool drop_connection = false;  // close the socket without answering
  int delay_ms = 0;              // wait before answering (or dropping)
};

class SyncHttpServer {
 public:
  using Handler = std::function<Response(const Request&)>;
  // host "127.0.0.1", port 0 for an ephemeral port.
  // tls.enabled = false serves plain HTTP.
  SyncHttpServer(std::string host, uint16_t port, Handler handler, common::TlsServerSettings tls = {});
  ~SyncHttpServer();
  void start();  // binds, listens, accepts in a background thread; throws when a TLS file is unusable
  uint16_t port() const;
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace peregrine::esdouble
