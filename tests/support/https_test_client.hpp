// A blocking HTTPS/1.1 client for tests of TLS servers (Boost.Beast over Asio's OpenSSL stream): one request per
// connection, with the trust anchors, client certificate, server name and TLS version range a test chooses, and
// the handshake's outcome reported as data (error text, the server certificate's common name, the protocol)
// instead of exceptions. plain_exchange talks clear text to a port, for "HTTP sent to an HTTPS port" tests.
#pragma once
#include <cstdint>
#include <string>

namespace peregrine::testing {

struct TlsClientSettings {
  std::string ca_file;                     // trust anchors; required unless verify is false
  std::string cert_file;                   // client certificate (mutual TLS) when set with key_file
  std::string key_file;
  std::string server_name = "localhost";   // SNI and the name the server certificate must carry
  bool verify = true;                      // false: accept any server certificate
  std::string min_version;                 // "", "1.2", "1.3"
  std::string max_version;                 // "", "1.2", "1.3"
};

struct HttpsExchange {
  std::string error;               // non-empty when connecting, the handshake or the exchange failed
  unsigned status = 0;
  std::string body;
  std::string server_common_name;  // subject CN of the certificate the server presented
  std::string protocol;            // e.g. "TLSv1.3"
  std::string cipher;              // OpenSSL's name, e.g. "ECDHE-ECDSA-AES128-GCM-SHA256"
  bool ok() const { return error.empty(); }
};

HttpsExchange https_request(uint16_t port, const TlsClientSettings& tls, const std::string& method,
                            const std::string& target, const std::string& body = "",
                            const std::string& content_type = "");

// Writes `bytes` to 127.0.0.1:port in clear text and returns everything the server sends until it closes.
std::string plain_exchange(uint16_t port, const std::string& bytes);

}  // namespace peregrine::testing
