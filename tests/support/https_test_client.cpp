// Blocking HTTPS test client (see https_test_client.hpp).
#include "tests/support/https_test_client.hpp"

#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace peregrine::testing {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

int protocol_version(const std::string& name) {
  if (name == "1.2") return TLS1_2_VERSION;
  if (name == "1.3") return TLS1_3_VERSION;
  return 0;
}

// Bounds every blocking read and write so a misbehaving server fails the test instead of hanging it.
void set_io_timeouts(tcp::socket& socket) {
  timeval timeout{30, 0};
  setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
}

std::string peer_common_name(SSL* ssl) {
  X509* cert = SSL_get1_peer_certificate(ssl);
  if (!cert) return "";
  char name[256] = {0};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, name, sizeof name);
  X509_free(cert);
  return name;
}

}  // namespace

HttpsExchange https_request(uint16_t port, const TlsClientSettings& tls, const std::string& method,
                            const std::string& target, const std::string& body, const std::string& content_type) {
  HttpsExchange out;
  try {
    net::io_context ioc;
    ssl::context ctx(ssl::context::tls_client);
    if (tls.verify) {
      ctx.set_verify_mode(ssl::verify_peer);
      if (!tls.ca_file.empty()) ctx.load_verify_file(tls.ca_file);
      ctx.set_verify_callback(ssl::host_name_verification(tls.server_name));
    } else {
      ctx.set_verify_mode(ssl::verify_none);
    }
    if (!tls.cert_file.empty()) {
      ctx.use_certificate_chain_file(tls.cert_file);
      ctx.use_private_key_file(tls.key_file, ssl::context::pem);
    }
    if (int v = protocol_version(tls.min_version)) SSL_CTX_set_min_proto_version(ctx.native_handle(), v);
    if (int v = protocol_version(tls.max_version)) SSL_CTX_set_max_proto_version(ctx.native_handle(), v);

    ssl::stream<tcp::socket> stream(ioc, ctx);
    stream.next_layer().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    set_io_timeouts(stream.next_layer());
    SSL_set_tlsext_host_name(stream.native_handle(), tls.server_name.c_str());
    stream.handshake(ssl::stream_base::client);
    out.server_common_name = peer_common_name(stream.native_handle());
    out.protocol = SSL_get_version(stream.native_handle());
    out.cipher = SSL_get_cipher_name(stream.native_handle());

    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, tls.server_name);
    req.keep_alive(false);
    if (!content_type.empty()) req.set(http::field::content_type, content_type);
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    out.status = res.result_int();
    out.body = res.body();
    beast::error_code ignored;
    stream.shutdown(ignored);
  } catch (const std::exception& e) {
    out.error = e.what();
    if (out.error.empty()) out.error = "unknown error";
  }
  return out;
}

std::string plain_exchange(uint16_t port, const std::string& bytes) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  set_io_timeouts(socket);
  net::write(socket, net::buffer(bytes));
  std::string received;
  beast::error_code ec;
  net::read(socket, net::dynamic_buffer(received), ec);  // until the server closes
  return received;
}

}  // namespace peregrine::testing
