// A minimal synchronous HTTP/1.1 test client (Boost.Beast) for round-trip tests against HttpServer.
#pragma once
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <string>

namespace peregrine::testing {

namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

struct ClientResponse {
  unsigned status = 0;
  std::string body;
  std::string content_type;
  std::string content_length;
  bool keep_alive = false;
  http::response<http::string_body> raw;
};

// One keep-alive connection to 127.0.0.1:port.
class TestClient {
 public:
  explicit TestClient(uint16_t port) : stream_(ioc_) {
    stream_.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  }

  ClientResponse request(http::verb method, const std::string& target, const std::string& body = "",
                         const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "127.0.0.1");
    for (auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    http::write(stream_, req);
    http::response_parser<http::string_body> parser;
    parser.body_limit(1u << 30);
    if (method == http::verb::head) parser.skip(true);
    http::read(stream_, buffer_, parser);
    ClientResponse out;
    out.raw = parser.release();
    out.status = out.raw.result_int();
    out.body = out.raw.body();
    out.content_type = std::string(out.raw[http::field::content_type]);
    out.content_length = std::string(out.raw[http::field::content_length]);
    out.keep_alive = out.raw.keep_alive();
    return out;
  }

  ClientResponse get(const std::string& target) { return request(http::verb::get, target); }

  // Raw bytes for malformed-request tests.
  void write_raw(const std::string& bytes) { boost::asio::write(stream_.socket(), boost::asio::buffer(bytes)); }
  std::string read_until(const std::string& delimiter) {
    std::string data;
    size_t n = boost::asio::read_until(stream_.socket(), boost::asio::dynamic_buffer(data), delimiter);
    data.resize(n);
    return data;
  }
  ClientResponse read_response() {
    http::response_parser<http::string_body> parser;
    http::read(stream_, buffer_, parser);
    ClientResponse out;
    out.raw = parser.release();
    out.status = out.raw.result_int();
    out.body = out.raw.body();
    return out;
  }

 private:
  boost::asio::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

}  // namespace peregrine::testing
