// Connection flags shared by peregrine-es-index-cleaner and peregrine-es-rollover, with Jaeger's names and
// environment variables: es.username / ES_USERNAME, es.password / ES_PASSWORD, es.tls.* / ES_TLS_* and
// timeout / TIMEOUT (seconds to wait for the master node, also the HTTP timeout).
#pragma once
#include <string>

#include "backend/common/config.hpp"
#include "backend/esutil/es_http_client.hpp"

namespace peregrine::esutil {

// es.tls.enabled, es.tls.ca, es.tls.cert, es.tls.key, es.tls.server-name, es.tls.skip-host-verify (and the
// accepted-but-unused es.tls.cipher-suites / min-version / max-version).
void define_es_tls_flags(common::Config& cfg);
// Throws common::ConfigError, as Jaeger refuses to start, when an es.tls.* option is set while es.tls.enabled is
// false, or when only one of es.tls.cert / es.tls.key is given.
EsTlsOptions es_tls_options(const common::Config& cfg);

void define_es_tool_flags(common::Config& cfg);
// Client options for the tools: the single URL from the command line plus the flags above.
EsClientOptions es_tool_client_options(const common::Config& cfg, const std::string& url);

}  // namespace peregrine::esutil
