// Settings shared by the Elasticsearch maintenance jobs (index cleaner, rollover, lookback, rollover
// mapping): the first server URL and the environment the jaeger-es-* scripts read (INDEX_PREFIX, ES_USERNAME,
// ES_TLS_*, ...), taken from the storage options.
#pragma once
#include <string>

#include "operator/api/options.hpp"
#include "operator/render/instance.hpp"

namespace peregrine::operator_render {

// Jaeger's own default when es.server-urls is not set.
inline constexpr const char* kDefaultElasticsearchUrl = "http://127.0.0.1:9200";

// The first URL of es.server-urls (comma separated).
std::string first_elasticsearch_url(const operator_api::Options& storage_options);

// INDEX_PREFIX, INDEX_DATE_SEPARATOR, ES_USERNAME, ES_PASSWORD, ES_TLS_ENABLED, ES_TLS_CA, ES_TLS_CERT,
// ES_TLS_KEY, ES_TLS_SKIP_HOST_VERIFY and SKIP_DEPENDENCIES, each only when its option is set.
Json es_script_env(const operator_api::Options& storage_options);

bool uses_es_aliases(const operator_api::StorageSpec& storage);

}  // namespace peregrine::operator_render
