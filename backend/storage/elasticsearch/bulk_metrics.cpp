// Bulk indexing metric registration (see bulk_metrics.hpp).
#include "backend/storage/elasticsearch/bulk_metrics.hpp"

namespace peregrine::storage::elasticsearch {

BulkMetrics::BulkMetrics(common::MetricsRegistry& r)
    : attempts(r.counter("jaeger_bulk_index_attempts_total", "Documents sent to Elasticsearch in bulk requests")),
      inserts(r.counter("jaeger_bulk_index_inserts_total", "Documents Elasticsearch stored")),
      errors(r.counter("jaeger_bulk_index_errors_total", "Documents Elasticsearch did not store (retried or rejected)")),
      latency_ok(r.histogram("jaeger_bulk_index_latency_ok", "Latency of successful bulk requests in seconds",
                             common::MetricsRegistry::default_buckets())),
      latency_err(r.histogram("jaeger_bulk_index_latency_err", "Latency of failed bulk requests in seconds",
                              common::MetricsRegistry::default_buckets())) {}

}  // namespace peregrine::storage::elasticsearch
