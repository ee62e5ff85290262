// Options of the Elasticsearch / OpenSearch span storage and their Jaeger flags (es.* ⇔ ES_* environment):
// connection (server-urls, username, password(-file), token-file, tls.*, timeout), index layout (index-prefix,
// index-date-separator, index-rollover-frequency-*, use-aliases, use-ilm), templates (create-index-templates,
// num-shards, num-replicas, the ES 8 template priorities under Jaeger's "prioirity" spelling, version), reads
// (max-span-age, max-doc-count, remote-read-clusters), bulk writes (bulk.size / workers / actions /
// flush-interval) and tags-as-fields.
// The archive storage takes the same options under es-archive.* (ES_ARCHIVE_*), plus es-archive.enabled; its spans
// go to the "[prefix-]jaeger-span-archive" index (with es-archive.use-aliases: the "…-archive-read" /
// "…-archive-write" aliases), without service documents, as Jaeger's archive does; es-archive.tls.* reaches the
// archive cluster over TLS as es.tls.* does the primary.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "backend/esutil/es_http_client.hpp"
#include "backend/esutil/index_names.hpp"
#include "backend/storage/elasticsearch/span_document.hpp"

namespace peregrine::common {
class Config;
}

namespace peregrine::storage::elasticsearch {

struct BulkOptions {
  size_t max_bytes = 5'000'000;  // es.bulk.size
  int workers = 1;               // es.bulk.workers
  size_t max_actions = 1000;     // es.bulk.actions
  // es.bulk.flush-interval: the longest a document may wait before it is sent. Always met by the bulk writer's
  // group commit (documents are sent as soon as a worker is free), so it never delays anything.
  std::chrono::milliseconds flush_interval{200};
};

inline constexpr const char* kPrimaryNamespace = "es";
inline constexpr const char* kArchiveNamespace = "es-archive";

struct EsStorageOptions {
  esutil::EsClientOptions client;
  bool archive = false;  // the archive index instead of the daily span and service indices
  std::string index_prefix;  // as given ("" or e.g. "prod")
  esutil::DateLayout span_layout;
  esutil::DateLayout service_layout;
  esutil::DateLayout dependencies_layout;  // always daily
  int64_t num_shards = 5;
  int64_t num_replicas = 1;
  int64_t priority_span_template = 0;
  int64_t priority_service_template = 0;
  int64_t priority_dependencies_template = 0;
  bool create_index_templates = true;
  int version = 0;  // 0 = autodetect from GET /
  bool use_aliases = false;
  bool use_ilm = false;
  std::chrono::microseconds max_span_age = std::chrono::hours(72);
  int max_doc_count = 10'000;
  std::vector<std::string> remote_read_clusters;
  BulkOptions bulk;
  TagsAsFields tags;
  // How long write_spans waits for Elasticsearch to acknowledge a batch before throwing StorageError (the
  // collector queue then retries it). Not a Jaeger flag.
  std::chrono::milliseconds write_ack_timeout{30'000};
  // How long Peregrine keeps remembering that a service:operation document is in its index (Jaeger: 12h).
  std::chrono::seconds service_cache_ttl{12 * 3600};
};

// Declares every es.* and es-archive.* flag with Jaeger's defaults.
void define_es_flags(common::Config& cfg);

// Reads the flags of namespace ns (kPrimaryNamespace or kArchiveNamespace; and <ns>.tags-as-fields.config-file).
// Throws std::invalid_argument for invalid values and std::runtime_error for unreadable files.
EsStorageOptions es_options_from_config(const common::Config& cfg, const std::string& ns = kPrimaryNamespace);

// --es-archive.enabled (false when the flags were not declared).
bool es_archive_enabled(const common::Config& cfg);

}  // namespace peregrine::storage::elasticsearch
