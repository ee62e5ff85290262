// A blocking HTTPS/1.1 client that verifies a server exactly as the Kubernetes API server verifies an admission
// webhook: the certificate chain against a caBundle PEM (the system roots when the bundle is empty) and the host
// name (SNI + SAN check) against the webhook's DNS name, while connecting to a given address. One deadline covers
// connect, handshake, request and response (the webhook's timeoutSeconds). Used by the double's admission chain
// and by tests that talk to a webhook directly.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace peregrine::kubedouble {

struct HttpsTarget {
  std::string connect_host = "127.0.0.1";
  uint16_t port = 0;
  std::string server_name;    // the name verified against the certificate (e.g. "svc.ns.svc")
  std::string ca_bundle_pem;  // empty: the system's trusted roots
  // Verify the certificates as of this time instead of now (tests that move a clock forward).
  std::optional<std::chrono::system_clock::time_point> verify_at;
};

// A target on 127.0.0.1:`port` verified as `server_name` with `ca_bundle_pem`.
inline HttpsTarget local_target(uint16_t port, std::string server_name, std::string ca_bundle_pem,
                                std::optional<std::chrono::system_clock::time_point> verify_at = std::nullopt) {
  HttpsTarget target;
  target.port = port;
  target.server_name = std::move(server_name);
  target.ca_bundle_pem = std::move(ca_bundle_pem);
  target.verify_at = verify_at;
  return target;
}

struct HttpsReply {
  int status = 0;
  std::string body;
};

// Thrown when the connection, the TLS handshake (including verification) or the exchange fails, or the deadline
// passes (the message then says "timeout").
class HttpsCallError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `target_path` may carry a query string ("/mutate?timeout=5s").
HttpsReply https_request(const HttpsTarget& target, const std::string& method, const std::string& target_path,
                         const std::string& body = "",
                         std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace peregrine::kubedouble
