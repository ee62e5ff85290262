// TlsServerSettings: the server-side TLS options every Peregrine server takes, with Jaeger's `<prefix>.tls.*` flag
// family and its semantics:
//   <prefix>.tls.enabled          false   serve TLS instead of plain TCP
//   <prefix>.tls.cert / .key      ""      PEM certificate chain and private key (both required when enabled)
//   <prefix>.tls.client-ca        ""      PEM CA bundle; when set, clients must present a certificate it signed
//   <prefix>.tls.cipher-suites    ""      comma-separated IANA / Go names (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ...)
//   <prefix>.tls.min-version      ""      "1.0" | "1.1" | "1.2" | "1.3" ("" = 1.2, Go's server default)
//   <prefix>.tls.max-version      ""      same values ("" = highest supported)
//   <prefix>.tls.reload-interval  0s      re-read cert, key and client CA this often (0 = never)
// Like Jaeger: enabled without cert/key is an error, and any other tls.* option set while tls.enabled is false is
// an error too ("<prefix>.tls.* options cannot be used when <prefix>.tls.enabled is false").
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "backend/common/config.hpp"

namespace peregrine::common {

struct TlsServerSettings {
  bool enabled = false;
  std::string cert_file;       // PEM server certificate chain (leaf first)
  std::string key_file;        // PEM private key
  std::string client_ca_file;  // PEM CA bundle; when set, client certificates are required and verified
  std::vector<std::string> cipher_suites;  // IANA names; empty = library defaults
  std::string min_version;                 // "" or "1.0".."1.3"
  std::string max_version;                 // "" or "1.0".."1.3"
  std::chrono::milliseconds reload_interval{0};  // 0 = never reload

  bool operator==(const TlsServerSettings&) const = default;
};

// Declares <prefix>.tls.{enabled,cert,key,client-ca,cipher-suites,min-version,max-version,reload-interval}.
// `what` names the server in the help text (e.g. "the OTLP HTTP server").
void define_tls_server_flags(Config& config, const std::string& prefix, const std::string& what);

// Reads and validates the flags declared by define_tls_server_flags (values only; files are read when a server
// builds its TLS context). Throws ConfigError naming the offending flag.
TlsServerSettings tls_server_settings_from_config(const Config& config, const std::string& prefix);

// Checks the settings the same way (for settings built in code). Throws ConfigError; `prefix` names the flags.
void validate_tls_server_settings(const TlsServerSettings& settings, const std::string& prefix);

// TLS protocol versions by Jaeger's names, as numbers OpenSSL uses (TLS1_2_VERSION, ...); nullopt for other text.
std::optional<int> tls_protocol_version(const std::string& name);

}  // namespace peregrine::common
