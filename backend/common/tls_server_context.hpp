// TlsServerContext: the OpenSSL server context a TLS server hands to each new connection, built from
// TlsServerSettings — certificate chain + key (checked to match), client CA (client certificates then required and
// verified), protocol version range (default minimum TLS 1.2), cipher suites, ALPN "http/1.1". With a
// reload-interval the files are read again once that interval has passed, on the next accepted connection:
// connections from then on use the new certificate, open ones keep theirs; a reload that fails (e.g. a
// half-written file) keeps the previous context and logs a warning.
// A context can also serve PEM text held in memory (no files, no reload interval), which its owner replaces at any
// time (the operator's webhook, whose certificates live in a Secret) — new connections get the new certificate.
// read_tls_server_pem is the file-reading half, shared with the gRPC servers' credentials.
#pragma once
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "backend/common/tls_settings.hpp"

namespace peregrine::common {

// PEM text of a server's TLS files.
struct TlsServerPem {
  std::string cert_chain;
  std::string private_key;
  std::string client_ca;  // "" when no client CA is configured
  bool operator==(const TlsServerPem&) const = default;
};

// Reads the files named by `settings` and checks that the certificate and key parse and belong together and
// that the client CA (if any) holds at least one certificate. Throws std::runtime_error naming the file.
TlsServerPem read_tls_server_pem(const TlsServerSettings& settings);

class TlsServerContext {
 public:
  // Loads the files now. Throws std::runtime_error when one cannot be read or used, ConfigError for invalid
  // settings.
  explicit TlsServerContext(TlsServerSettings settings);
  // Serves `pem` (settings' file names are ignored; versions, cipher suites apply). Throws std::invalid_argument
  // when the PEM cannot be used.
  TlsServerContext(TlsServerSettings settings, const TlsServerPem& pem);
  TlsServerContext(const TlsServerContext&) = delete;
  TlsServerContext& operator=(const TlsServerContext&) = delete;

  // The context for a connection accepted now (reloading first when the reload interval has passed).
  std::shared_ptr<boost::asio::ssl::context> for_new_connection();

  // Makes `pem` the certificate of connections accepted from now on. Throws std::invalid_argument when it cannot
  // be used (the key does not match, not PEM, ...); the previous certificate stays then.
  void replace(const TlsServerPem& pem);

  const TlsServerSettings& settings() const { return settings_; }

 private:
  TlsServerSettings settings_;
  std::mutex mu_;
  TlsServerPem loaded_;
  std::shared_ptr<boost::asio::ssl::context> current_;
  std::chrono::steady_clock::time_point next_reload_;
};

// An SSL context from already-read PEM text (exposed for tests and the reload path). Throws std::runtime_error.
std::shared_ptr<boost::asio::ssl::context> make_tls_server_context(const TlsServerSettings& settings,
                                                                   const TlsServerPem& pem);

}  // namespace peregrine::common
