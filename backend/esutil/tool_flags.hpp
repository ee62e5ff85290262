// Connection flags shared by peregrine-es-index-cleaner and peregrine-es-rollover, with Jaeger's names and
// environment variables: es.username / ES_USERNAME, es.password / ES_PASSWORD, es.tls.* / ES_TLS_* and
// timeout / TIMEOUT (seconds to wait for the master node, also the HTTP timeout).
#pragma once
#include <string>

#include "backend/common/config.hpp"
#include "backend/esutil/es_http_client.hpp"

namespace peregrine::esutil {

// <ns>.tls.enabled, .ca, .cert, .key, .server-name, .skip-host-verify (and the accepted-but-unused
// .cipher-suites / .min-version / .max-version); `ns` is "es" or "es-archive".
void define_es_tls_flags(common::Config& cfg, const std::string& ns = "es");
// Throws common::ConfigError, as Jaeger refuses to start, when a <ns>.tls.* option is set while <ns>.tls.enabled
// is false, or when only one of <ns>.tls.cert / <ns>.tls.key is given.
EsTlsOptions es_tls_options(const common::Config& cfg, const std::string& ns = "es");

void define_es_tool_flags(common::Config& cfg);
// Client options for the tools: the single URL from the command line plus the flags above.
EsClientOptions es_tool_client_options(const common::Config& cfg, const std::string& url);

}  // namespace peregrine::esutil
