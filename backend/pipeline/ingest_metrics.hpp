// IngestMetrics: the collector's ingest metrics under Jaeger's names, with per-service counters cached so
// a batch costs one lookup per run of spans sharing a process (not one per span). Distinct service label
// values are capped (kMaxServiceLabels); later services are counted as "other-services".
#pragma once
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "backend/common/metrics.hpp"
#include "backend/model/span.hpp"

namespace peregrine::pipeline {

inline constexpr size_t kMaxServiceLabels = 2000;
inline constexpr const char* kOtherServicesLabel = "other-services";

class IngestMetrics {
 public:
  IngestMetrics(common::MetricsRegistry& registry, size_t queue_capacity_spans);

  // jaeger_collector_spans_received_total{format,svc,transport}; also jaeger_collector_batch_size.
  void received(const model::SpanBatch& batch, const std::string& transport, const std::string& format);
  // jaeger_collector_spans_rejected_total{format,svc,transport} (queue full).
  void rejected(const model::SpanBatch& batch, const std::string& transport, const std::string& format);
  // jaeger_collector_spans_saved_by_svc_total{debug,result,svc}: one per span per write attempt.
  void saved(const model::SpanBatch& batch, bool ok);
  void dropped(size_t spans);                          // jaeger_collector_spans_dropped_total
  void queue_length(size_t spans);                     // jaeger_collector_queue_length
  void in_queue_latency(std::chrono::steady_clock::duration d);  // jaeger_collector_in_queue_latency
  void save_latency(std::chrono::steady_clock::duration d);      // jaeger_collector_save_latency

 private:
  // Adds each run's span count to the counter cached under key_of(span), created by
  // make_counter(span, svc_label) on a cache miss.
  template <typename KeyOf, typename Make>
  void count_by_run(const model::SpanBatch& batch, KeyOf key_of, Make make_counter);
  std::string service_label(const std::string& service);  // requires mu_

  common::MetricsRegistry& registry_;
  std::mutex mu_;
  std::unordered_set<std::string> services_;               // distinct svc label values handed out
  std::unordered_map<std::string, common::Counter*> cache_;  // "<family>\x1f<labels...>" → counter
  common::Counter& dropped_;
  common::Gauge& queue_length_;
  common::Gauge& queue_capacity_;
  common::Gauge& batch_size_;
  common::Histogram& in_queue_latency_;
  common::Histogram& save_latency_;
};

}  // namespace peregrine::pipeline
