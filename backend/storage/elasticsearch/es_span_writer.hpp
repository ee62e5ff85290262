// EsSpanWriter: SpanWriter over Elasticsearch/OpenSearch. Each span becomes a Jaeger span document in
// "[prefix-]jaeger-span-<date of span start, UTC>" (or the "…-write" alias with es.use-aliases), with a
// content-hash _id, plus — once per index and service cache TTL — a service:operation document in the service
// index. With EsStorageOptions::archive every span goes to "[prefix-]jaeger-span-archive" (or the
// "…-archive-write" alias) and no service document is written. write_spans blocks until Elasticsearch acknowledged every document of the batch (documents of
// concurrent callers share bulk requests), or throws StorageError after the acknowledgement timeout; so a slow
// or unavailable cluster back-pressures the collector queue and no accepted span is lost.
#pragma once
#include <atomic>
#include <memory>
#include <string>

#include "backend/common/metrics.hpp"
#include "backend/esutil/es_http_client.hpp"
#include "backend/storage/elasticsearch/bulk_writer.hpp"
#include "backend/storage/elasticsearch/es_bootstrap.hpp"
#include "backend/storage/elasticsearch/es_options.hpp"
#include "backend/storage/elasticsearch/service_cache.hpp"
#include "backend/storage/span_writer.hpp"

namespace peregrine::storage::elasticsearch {

class EsSpanWriter : public SpanWriter {
 public:
  // sender: how bulk bodies reach Elasticsearch (production: POST /_bulk through http).
  EsSpanWriter(EsStorageOptions opts, std::shared_ptr<esutil::EsHttpClient> http, common::MetricsRegistry& metrics,
               BulkSender sender = nullptr);
  ~EsSpanWriter() override;

  void write_spans(const model::SpanBatch& batch) override;

  // Sends what is queued (up to the deadline) and stops the bulk workers.
  void close(std::chrono::milliseconds drain_deadline = std::chrono::seconds(10));

  // Index names for a span start time (µs), exposed for tests.
  std::string span_index_for(int64_t start_us) const;
  std::string service_index_for(int64_t start_us) const;

 private:
  void append_item_payload(std::string& out, const std::string& index, const std::string& id,
                           const std::string& source) const;

  EsStorageOptions opts_;
  std::shared_ptr<esutil::EsHttpClient> http_;
  std::string span_base_;     // "[prefix-]jaeger-span-"
  std::string service_base_;  // "[prefix-]jaeger-service-"
  EsBootstrap bootstrap_;
  ServiceCache service_cache_;
  BulkMetrics metrics_;
  std::atomic<size_t> doc_size_hint_{512};  // largest recent document, to size payload buffers once
  std::unique_ptr<BulkWriter> bulk_;
};

}  // namespace peregrine::storage::elasticsearch
