// Ingest metrics with Jaeger's names and labels; per-service counters are cached by label key.
#include "backend/pipeline/ingest_metrics.hpp"

namespace peregrine::pipeline {

namespace {

constexpr const char* kReceived = "jaeger_collector_spans_received_total";
constexpr const char* kRejected = "jaeger_collector_spans_rejected_total";
constexpr const char* kSaved = "jaeger_collector_spans_saved_by_svc_total";
constexpr char kSep = '\x1f';

const std::string& service_of(const model::Span& span) {
  static const std::string empty;
  return span.process ? span.process->service_name : empty;
}

bool is_debug(const model::Span& span) { return (span.flags & 2u) != 0; }  // Jaeger's debug flag bit

double seconds(std::chrono::steady_clock::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

IngestMetrics::IngestMetrics(common::MetricsRegistry& registry, size_t queue_capacity_spans)
    : registry_(registry),
      dropped_(registry.counter("jaeger_collector_spans_dropped_total",
                                "Number of accepted spans that could not be written before shutdown")),
      queue_length_(registry.gauge("jaeger_collector_queue_length", "Current number of spans in the queue")),
      queue_capacity_(registry.gauge("jaeger_collector_queue_capacity", "Capacity of the queue, in spans")),
      batch_size_(registry.gauge("jaeger_collector_batch_size", "Number of spans in the last received batch")),
      in_queue_latency_(registry.histogram("jaeger_collector_in_queue_latency",
                                           "Time a batch spent in the queue, in seconds",
                                           common::MetricsRegistry::default_buckets())),
      save_latency_(registry.histogram("jaeger_collector_save_latency", "Time to save a batch, in seconds",
                                       common::MetricsRegistry::default_buckets())) {
  queue_capacity_.set(static_cast<double>(queue_capacity_spans));
}

std::string IngestMetrics::service_label(const std::string& service) {
  if (services_.count(service)) return service;
  if (services_.size() >= kMaxServiceLabels) return kOtherServicesLabel;
  services_.insert(service);
  return service;
}

template <typename KeyOf, typename Make>
void IngestMetrics::count_by_run(const model::SpanBatch& batch, KeyOf key_of, Make make_counter) {
  size_t i = 0;
  while (i < batch.size()) {
    // A run: consecutive spans with the same process and debug flag (usually the whole batch).
    size_t j = i + 1;
    while (j < batch.size() && batch[j].process == batch[i].process && is_debug(batch[j]) == is_debug(batch[i])) ++j;
    std::string key = key_of(batch[i]);
    common::Counter* counter = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = cache_.find(key);
      if (it != cache_.end()) {
        counter = it->second;
      } else {
        const std::string& service = service_of(batch[i]);
        std::string label = service_label(service);
        counter = &make_counter(batch[i], label);
        // Services folded into "other-services" are not cached, so the cache stays bounded.
        if (label == service) cache_.emplace(std::move(key), counter);
      }
    }
    counter->inc(static_cast<double>(j - i));
    i = j;
  }
}

void IngestMetrics::received(const model::SpanBatch& batch, const std::string& transport,
                             const std::string& format) {
  batch_size_.set(static_cast<double>(batch.size()));
  count_by_run(
      batch,
      [&](const model::Span& s) { return std::string(kReceived) + kSep + service_of(s) + kSep + transport + kSep + format; },
      [&](const model::Span&, const std::string& svc) -> common::Counter& {
        return registry_.counter(kReceived, "Number of spans received by the collector",
                                 {{"format", format}, {"svc", svc}, {"transport", transport}});
      });
}

void IngestMetrics::rejected(const model::SpanBatch& batch, const std::string& transport,
                             const std::string& format) {
  count_by_run(
      batch,
      [&](const model::Span& s) { return std::string(kRejected) + kSep + service_of(s) + kSep + transport + kSep + format; },
      [&](const model::Span&, const std::string& svc) -> common::Counter& {
        return registry_.counter(kRejected, "Number of spans rejected because the queue was full",
                                 {{"format", format}, {"svc", svc}, {"transport", transport}});
      });
}

void IngestMetrics::saved(const model::SpanBatch& batch, bool ok) {
  const char* result = ok ? "ok" : "err";
  count_by_run(
      batch,
      [&](const model::Span& s) {
        return std::string(kSaved) + kSep + service_of(s) + kSep + result + kSep + (is_debug(s) ? "true" : "false");
      },
      [&](const model::Span& s, const std::string& svc) -> common::Counter& {
        return registry_.counter(kSaved, "Number of spans saved (result=ok) or failed to save (result=err)",
                                 {{"debug", is_debug(s) ? "true" : "false"},
                                  {"result", result},
                                  {"svc", svc}});
      });
}

void IngestMetrics::dropped(size_t spans) { dropped_.inc(static_cast<double>(spans)); }
void IngestMetrics::queue_length(size_t spans) { queue_length_.set(static_cast<double>(spans)); }
void IngestMetrics::in_queue_latency(std::chrono::steady_clock::duration d) { in_queue_latency_.observe(seconds(d)); }
void IngestMetrics::save_latency(std::chrono::steady_clock::duration d) { save_latency_.observe(seconds(d)); }

}  // namespace peregrine::pipeline
