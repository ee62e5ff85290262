// Jaeger's bulk indexing metrics: jaeger_bulk_index_attempts_total / _inserts_total / _errors_total (documents
// sent, stored, failed per response) and the jaeger_bulk_index_latency_ok / _latency_err histograms (seconds
// per bulk request).
#pragma once
#include "backend/common/metrics.hpp"

namespace peregrine::storage::elasticsearch {

struct BulkMetrics {
  explicit BulkMetrics(common::MetricsRegistry& registry);
  common::Counter& attempts;
  common::Counter& inserts;
  common::Counter& errors;
  common::Histogram& latency_ok;
  common::Histogram& latency_err;
};

}  // namespace peregrine::storage::elasticsearch
