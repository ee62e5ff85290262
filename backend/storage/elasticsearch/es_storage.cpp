// Elasticsearch storage bundle construction (see es_storage.hpp).
#include "backend/storage/elasticsearch/es_storage.hpp"

#include "backend/common/config.hpp"
#include "backend/esutil/backend_version.hpp"
#include "backend/storage/elasticsearch/es_dependency_reader.hpp"
#include "backend/storage/elasticsearch/es_span_reader.hpp"
#include "backend/storage/elasticsearch/es_span_writer.hpp"

namespace peregrine::storage::elasticsearch {

StorageBundle make_es_storage_from_options(const EsStorageOptions& opts, common::MetricsRegistry& metrics) {
  if (opts.version != 0) esutil::version_from_flag(opts.version);  // reject unsupported versions up front
  auto http = std::make_shared<esutil::EsHttpClient>(opts.client);
  StorageBundle b;
  b.writer = std::make_shared<EsSpanWriter>(opts, http, metrics);
  b.reader = std::make_shared<EsSpanReader>(opts, http);
  b.dependencies = std::make_shared<EsDependencyReader>(opts, http);
  return b;
}

ArchiveStorage make_es_archive_storage_from_options(EsStorageOptions opts, common::MetricsRegistry& metrics) {
  opts.archive = true;
  if (opts.version != 0) esutil::version_from_flag(opts.version);
  auto http = std::make_shared<esutil::EsHttpClient>(opts.client);
  ArchiveStorage archive;
  archive.writer = std::make_shared<EsSpanWriter>(opts, http, metrics);
  archive.reader = std::make_shared<EsSpanReader>(opts, http);
  return archive;
}

StorageBundle make_es_storage(const common::Config& cfg, common::MetricsRegistry& metrics, bool with_archive) {
  StorageBundle b = make_es_storage_from_options(es_options_from_config(cfg), metrics);
  if (with_archive && es_archive_enabled(cfg))
    b.archive = make_es_archive_storage_from_options(es_options_from_config(cfg, kArchiveNamespace), metrics);
  return b;
}

}  // namespace peregrine::storage::elasticsearch

namespace peregrine::storage {

void define_es_flags(common::Config& cfg) { elasticsearch::define_es_flags(cfg); }

StorageBundle make_es_storage(const common::Config& cfg, bool with_archive) {
  return elasticsearch::make_es_storage(cfg, common::MetricsRegistry::global(), with_archive);
}

}  // namespace peregrine::storage
