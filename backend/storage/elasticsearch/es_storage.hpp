// Entry points of the Elasticsearch / OpenSearch storage for the storage factory (SPAN_STORAGE_TYPE
// "elasticsearch" or "opensearch"): flag declarations, the writer/reader bundle sharing one HTTP client and the
// optional archive storage (es-archive.*).
#pragma once
#include "backend/common/metrics.hpp"
#include "backend/storage/elasticsearch/es_options.hpp"
#include "backend/storage/storage_factory.hpp"

namespace peregrine::common {
class Config;
}

namespace peregrine::storage::elasticsearch {

// Builds writer, span reader and dependency reader from the es.* flags, and the archive pair from the es-archive.*
// flags when --es-archive.enabled (and `with_archive`). Never contacts the cluster (the version and templates are set up before the
// first write), so it succeeds while Elasticsearch is down. Throws std::invalid_argument / std::runtime_error for
// invalid options. Bulk metrics go to `metrics`.
StorageBundle make_es_storage(const common::Config& cfg, common::MetricsRegistry& metrics, bool with_archive = true);
StorageBundle make_es_storage_from_options(const EsStorageOptions& opts, common::MetricsRegistry& metrics);
// The archive reader/writer over the archive index of opts (its `archive` is set here), with their own client.
ArchiveStorage make_es_archive_storage_from_options(EsStorageOptions opts, common::MetricsRegistry& metrics);

}  // namespace peregrine::storage::elasticsearch

namespace peregrine::storage {
// Factory-facing names (as agreed with the storage factory): declared here, defined in es_storage.cpp.
void define_es_flags(common::Config& cfg);
StorageBundle make_es_storage(const common::Config& cfg, bool with_archive);  // MetricsRegistry::global()
}  // namespace peregrine::storage
