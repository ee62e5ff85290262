// Blocking HTTPS client with caBundle + host name verification and one overall deadline (see https_client.hpp).
// The exchange runs as an Asio coroutine on a private io_context; beast::tcp_stream's expiry bounds every step.
#include "tests/kube-apiserver-double/https_client.hpp"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <utility>  // std::exchange, used by Boost 1.74's awaitable.hpp without including it

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <exception>

namespace peregrine::kubedouble {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;

namespace {

using Stream = beast::ssl_stream<beast::tcp_stream>;

net::awaitable<HttpsReply> exchange(Stream& stream, const HttpsTarget& target, http::request<http::string_body> request) {
  auto executor = co_await net::this_coro::executor;
  net::ip::tcp::resolver resolver(executor);
  const auto endpoints =
      co_await resolver.async_resolve(target.connect_host, std::to_string(target.port), net::use_awaitable);
  co_await beast::get_lowest_layer(stream).async_connect(endpoints, net::use_awaitable);
  co_await stream.async_handshake(ssl::stream_base::client, net::use_awaitable);
  co_await http::async_write(stream, request, net::use_awaitable);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64u << 20);
  co_await http::async_read(stream, buffer, parser, net::use_awaitable);
  HttpsReply reply{static_cast<int>(parser.get().result_int()), parser.get().body()};
  beast::error_code ignored;
  beast::get_lowest_layer(stream).socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  co_return reply;
}

}  // namespace

HttpsReply https_request(const HttpsTarget& target, const std::string& method, const std::string& target_path,
                         const std::string& body, std::chrono::milliseconds timeout) {
  net::io_context io;
  ssl::context context(ssl::context::tls_client);
  context.set_options(ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  boost::system::error_code ec;
  if (target.ca_bundle_pem.empty()) {
    context.set_default_verify_paths(ec);
  } else {
    context.add_certificate_authority(net::buffer(target.ca_bundle_pem), ec);
  }
  if (ec) throw HttpsCallError("the caBundle cannot be loaded: " + ec.message());
  context.set_verify_mode(ssl::verify_peer);
  if (target.verify_at) {
    X509_VERIFY_PARAM_set_time(SSL_CTX_get0_param(context.native_handle()),
                               std::chrono::system_clock::to_time_t(*target.verify_at));
  }

  Stream stream(io, context);
  stream.set_verify_callback(ssl::host_name_verification(target.server_name));
  if (!SSL_set_tlsext_host_name(stream.native_handle(), target.server_name.c_str())) {
    throw HttpsCallError("cannot set SNI");
  }
  beast::get_lowest_layer(stream).expires_after(timeout);

  http::request<http::string_body> request{http::string_to_verb(method), target_path, 11};
  request.set(http::field::host, target.server_name);
  request.set(http::field::content_type, "application/json");
  request.set(http::field::accept, "application/json, */*");
  request.body() = body;
  request.prepare_payload();

  std::optional<HttpsReply> reply;
  std::exception_ptr failure;
  net::co_spawn(io, exchange(stream, target, std::move(request)),
                [&](std::exception_ptr error, HttpsReply result) {
                  if (error) {
                    failure = error;
                  } else {
                    reply = std::move(result);
                  }
                });
  // The resolver is not covered by the stream's expiry; a bounded run covers it too.
  io.run_for(timeout + std::chrono::seconds(1));
  const bool overran = !reply && !failure;
  if (overran) {
    beast::error_code ignored;
    beast::get_lowest_layer(stream).socket().close(ignored);
    io.run();
  }
  if (reply) return *reply;
  if (overran) throw HttpsCallError("timeout awaiting response headers");
  try {
    std::rethrow_exception(failure);
  } catch (const boost::system::system_error& e) {
    if (e.code() == beast::error::timeout) throw HttpsCallError("timeout awaiting response headers");
    throw HttpsCallError(e.what());
  } catch (const std::exception& e) {
    throw HttpsCallError(e.what());
  }
}

}  // namespace peregrine::kubedouble
