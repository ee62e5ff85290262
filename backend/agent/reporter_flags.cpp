// Agent reporter flags (see reporter_flags.hpp).
#include "backend/agent/reporter_flags.hpp"

#include "backend/agent/agent_tags.hpp"

namespace peregrine::agent {

void define_reporter_flags(common::Config& config) {
  config.define("reporter.grpc.host-port", "",
                "Comma-separated string representing host:port of a static list of collectors to connect to directly");
  config.define("reporter.grpc.retry.max", "3", "Sets the maximum number of retries for a call");
  config.define("reporter.grpc.tls.enabled", "false", "Enable TLS when talking to the remote server(s)");
  config.define("reporter.grpc.tls.ca", "", "Path to a TLS CA (Certification Authority) file used to verify the remote server(s)");
  config.define("reporter.grpc.tls.cert", "", "Path to a TLS Certificate file, used to identify this process to the remote server(s)");
  config.define("reporter.grpc.tls.key", "", "Path to a TLS Private Key file, used to identify this process to the remote server(s)");
  config.define("reporter.grpc.tls.server-name", "", "Override the TLS server name we expect in the certificate of the remote server(s)");
  config.define("reporter.grpc.tls.skip-host-verify", "false",
                "(insecure) Skip server's certificate chain and host name verification (not supported: accepted only)");
  config.define("agent.tags", "",
                "One or more tags to be added to the Process tags of all spans passing through this agent. Ex: key1=value1,key2=${envVar:defaultValue}");
}

ReporterSettings reporter_settings_from_config(const common::Config& config) {
  ReporterSettings s;
  s.connection.host_ports = config.get_list("reporter.grpc.host-port");
  if (s.connection.host_ports.empty())
    throw common::ConfigError("--reporter.grpc.host-port must name at least one collector (host:port)");
  int64_t retries = config.get_int("reporter.grpc.retry.max");
  if (retries < 0 || retries > 100) throw common::ConfigError("--reporter.grpc.retry.max must be between 0 and 100");
  s.reporter.retry_max = static_cast<int>(retries);
  s.connection.tls_enabled = config.get_bool("reporter.grpc.tls.enabled");
  s.connection.tls_ca_file = config.get("reporter.grpc.tls.ca");
  s.connection.tls_cert_file = config.get("reporter.grpc.tls.cert");
  s.connection.tls_key_file = config.get("reporter.grpc.tls.key");
  s.connection.tls_server_name = config.get("reporter.grpc.tls.server-name");
  s.agent_tags = parse_agent_tags(config.get("agent.tags"));
  return s;
}

}  // namespace peregrine::agent
