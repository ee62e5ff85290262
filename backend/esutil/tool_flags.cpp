// Shared tool connection flags (see tool_flags.hpp).
#include "backend/esutil/tool_flags.hpp"

namespace peregrine::esutil {

void define_es_tls_flags(common::Config& cfg, const std::string& ns) {
  const std::string p = ns + ".tls.";
  cfg.define(p + "enabled", "false", "Enable TLS when talking to the remote server(s)");
  cfg.define(p + "ca", "", "Path to a TLS CA (Certification Authority) file used to verify the remote server(s)");
  cfg.define(p + "cert", "", "Path to a TLS Certificate file, used to identify this process to the remote server(s)");
  cfg.define(p + "key", "", "Path to a TLS Private Key file, used to identify this process to the remote server(s)");
  cfg.define(p + "server-name", "", "Override the TLS server name we expect in the certificate of the remote server(s)");
  cfg.define(p + "skip-host-verify", "false", "(insecure) Skip server's certificate chain and host name verification");
  cfg.define_ignored(p + "cipher-suites", "TLS cipher suites (not supported by Peregrine; OpenSSL defaults apply)");
  cfg.define_ignored(p + "min-version", "Minimum TLS version (not supported by Peregrine; OpenSSL defaults apply)");
  cfg.define_ignored(p + "max-version", "Maximum TLS version (not supported by Peregrine; OpenSSL defaults apply)");
}

EsTlsOptions es_tls_options(const common::Config& cfg, const std::string& ns) {
  const std::string p = ns + ".tls.";
  EsTlsOptions t;
  t.enabled = cfg.get_bool(p + "enabled");
  t.ca_path = cfg.get(p + "ca");
  t.cert_path = cfg.get(p + "cert");
  t.key_path = cfg.get(p + "key");
  t.server_name = cfg.get(p + "server-name");
  t.skip_host_verify = cfg.get_bool(p + "skip-host-verify");
  // Jaeger's client TLS rules (tlscfg.ClientFlagsConfig): fatal at start-up, like Jaeger's log.Fatal.
  if (!t.enabled && !(t == EsTlsOptions{}))
    throw common::ConfigError(p + "* options cannot be used when " + p + "enabled is false");
  if (t.cert_path.empty() != t.key_path.empty())
    throw common::ConfigError(
        "for client auth via TLS, either both client certificate and key must be supplied, or neither (--" + p +
        "cert, --" + p + "key)");
  return t;
}

void define_es_tool_flags(common::Config& cfg) {
  cfg.define("es.username", "", "The username required by storage");
  cfg.define("es.password", "", "The password required by storage");
  cfg.define("timeout", "120", "Number of seconds to wait for master node response");
  define_es_tls_flags(cfg);
}

EsClientOptions es_tool_client_options(const common::Config& cfg, const std::string& url) {
  EsClientOptions o;
  o.servers = {url};
  o.username = cfg.get("es.username");
  o.password = cfg.get("es.password");
  if (cfg.has("es.token-file")) o.token_file = cfg.get("es.token-file");
  o.tls = es_tls_options(cfg);
  const int64_t timeout_s = cfg.get_int("timeout");
  o.timeout = std::chrono::milliseconds(timeout_s > 0 ? timeout_s * 1000 : 0);
  return o;
}

}  // namespace peregrine::esutil
