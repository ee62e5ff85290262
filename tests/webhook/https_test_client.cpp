// Blocking HTTPS client with caBundle + host name verification (see https_test_client.hpp).
#include "tests/webhook/https_test_client.hpp"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace peregrine::webhook_test {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;

HttpsReply https_request(const HttpsTarget& target, const std::string& method, const std::string& path,
                         const std::string& body, std::chrono::seconds timeout) {
  net::io_context io;
  ssl::context context(ssl::context::tls_client);
  context.set_options(ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  boost::system::error_code ec;
  context.add_certificate_authority(net::buffer(target.ca_bundle_pem), ec);
  if (ec) throw HttpsCallError("the caBundle cannot be loaded: " + ec.message());
  context.set_verify_mode(ssl::verify_peer);
  if (target.verify_at) {
    X509_VERIFY_PARAM_set_time(SSL_CTX_get0_param(context.native_handle()),
                               std::chrono::system_clock::to_time_t(*target.verify_at));
  }

  beast::ssl_stream<beast::tcp_stream> stream(io, context);
  stream.set_verify_callback(ssl::host_name_verification(target.server_name));
  if (!SSL_set_tlsext_host_name(stream.native_handle(), target.server_name.c_str())) {
    throw HttpsCallError("cannot set SNI");
  }
  try {
    net::ip::tcp::resolver resolver(io);
    beast::get_lowest_layer(stream).expires_after(timeout);
    beast::get_lowest_layer(stream).connect(resolver.resolve(target.connect_host, std::to_string(target.port)));
    stream.handshake(ssl::stream_base::client);

    http::request<http::string_body> request{http::string_to_verb(method), path, 11};
    request.set(http::field::host, target.server_name);
    request.set(http::field::content_type, "application/json");
    request.set(http::field::accept, "application/json");
    request.body() = body;
    request.prepare_payload();
    http::write(stream, request);

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64u << 20);
    http::read(stream, buffer, parser);
    HttpsReply reply{static_cast<int>(parser.get().result_int()), parser.get().body()};
    beast::error_code ignored;
    stream.shutdown(ignored);
    return reply;
  } catch (const boost::system::system_error& e) {
    throw HttpsCallError(e.what());
  }
}

}  // namespace peregrine::webhook_test
