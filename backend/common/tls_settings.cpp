// Jaeger's server-side `<prefix>.tls.*` flags: declaration, reading and validation (see tls_settings.hpp).
#include "backend/common/tls_settings.hpp"

#include <openssl/ssl.h>

#include "backend/common/tls_cipher_suites.hpp"

namespace peregrine::common {

void define_tls_server_flags(Config& config, const std::string& prefix, const std::string& what) {
  const std::string p = prefix + ".tls.";
  config.define(p + "enabled", "false", "Enable TLS on " + what);
  config.define(p + "cert", "", "Path to a TLS Certificate file, used to identify " + what + " to clients");
  config.define(p + "key", "", "Path to a TLS Private Key file, used to identify " + what + " to clients");
  config.define(p + "client-ca", "",
                "Path to a TLS CA (Certification Authority) file used to verify certificates presented by clients "
                "(if unset, all clients are permitted)");
  config.define(p + "cipher-suites", "",
                "Comma-separated list of cipher suites for the server, values are IANA names as in Go's crypto/tls "
                "(e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
  config.define(p + "min-version", "", "Minimum TLS version supported (Possible values: 1.0, 1.1, 1.2, 1.3)");
  config.define(p + "max-version", "", "Maximum TLS version supported (Possible values: 1.0, 1.1, 1.2, 1.3)");
  config.define(p + "reload-interval", "0s",
                "The duration after which the certificate will be reloaded (0s means will not be reloaded)");
}

std::optional<int> tls_protocol_version(const std::string& name) {
  if (name == "1.0") return TLS1_VERSION;
  if (name == "1.1") return TLS1_1_VERSION;
  if (name == "1.2") return TLS1_2_VERSION;
  if (name == "1.3") return TLS1_3_VERSION;
  return std::nullopt;
}

void validate_tls_server_settings(const TlsServerSettings& s, const std::string& prefix) {
  const std::string p = "--" + prefix + ".tls.";
  if (!s.enabled) {
    if (!(s == TlsServerSettings{}))
      throw ConfigError(prefix + ".tls.* options cannot be used when " + prefix + ".tls.enabled is false");
    return;
  }
  if (s.cert_file.empty() || s.key_file.empty())
    throw ConfigError(p + "enabled requires " + p + "cert and " + p + "key");
  if (!s.min_version.empty() && !tls_protocol_version(s.min_version))
    throw ConfigError(p + "min-version: unknown TLS version \"" + s.min_version + "\" (want 1.0, 1.1, 1.2 or 1.3)");
  if (!s.max_version.empty() && !tls_protocol_version(s.max_version))
    throw ConfigError(p + "max-version: unknown TLS version \"" + s.max_version + "\" (want 1.0, 1.1, 1.2 or 1.3)");
  if (!s.min_version.empty() && !s.max_version.empty() &&
      *tls_protocol_version(s.min_version) > *tls_protocol_version(s.max_version))
    throw ConfigError(p + "min-version " + s.min_version + " is greater than " + p + "max-version " + s.max_version);
  if (s.reload_interval.count() < 0) throw ConfigError(p + "reload-interval must not be negative");
  try {
    openssl_cipher_config(s.cipher_suites);
  } catch (const ConfigError& e) {
    throw ConfigError(p + "cipher-suites: " + e.what());
  }
}

TlsServerSettings tls_server_settings_from_config(const Config& config, const std::string& prefix) {
  const std::string p = prefix + ".tls.";
  TlsServerSettings s;
  s.enabled = config.get_bool(p + "enabled");
  s.cert_file = config.get(p + "cert");
  s.key_file = config.get(p + "key");
  s.client_ca_file = config.get(p + "client-ca");
  s.cipher_suites = config.get_list(p + "cipher-suites");
  s.min_version = config.get(p + "min-version");
  s.max_version = config.get(p + "max-version");
  s.reload_interval = std::chrono::duration_cast<std::chrono::milliseconds>(config.get_duration(p + "reload-interval"));
  validate_tls_server_settings(s, prefix);
  return s;
}

}  // namespace peregrine::common
