// The transport-independent tail of Jaeger-native and Zipkin ingest: hand a decoded batch to the Sink, map
// the outcome, and count rejections (the same rules as the OTLP receivers):
//   peregrine_<receiver>_requests_rejected_total{transport,encoding,reason}  (reason: invalid, queue_full,
//   shutting_down) and, when the span count is known, jaeger_collector_spans_rejected_total{transport,format}.
#pragma once
#include <string>

#include "backend/common/http_types.hpp"
#include "backend/common/metrics.hpp"
#include "backend/model/span.hpp"
#include "backend/pipeline/sink.hpp"

namespace peregrine::receivers {

enum class IngestStatus { Accepted, Invalid, QueueFull, ShuttingDown };

struct IngestOutcome {
  IngestStatus status = IngestStatus::Accepted;
  std::string message;
  size_t spans = 0;
};

struct IngestLabels {
  std::string receiver;   // "jaeger" / "zipkin": metric family peregrine_<receiver>_requests_rejected_total
  std::string transport;  // "http", "grpc", "udp"
  std::string encoding;   // "thrift", "proto", "json", ...
  std::string format;     // Sink format label: "jaeger" or "zipkin"
};

// An empty batch is accepted without touching the Sink.
IngestOutcome submit_spans(model::SpanBatch&& batch, pipeline::Sink& sink, const IngestLabels& labels,
                           common::MetricsRegistry* metrics);

// Counts a request rejected for `reason` carrying `spans` spans (0 when unknown, e.g. undecodable).
void count_rejection(common::MetricsRegistry* metrics, const IngestLabels& labels, const std::string& reason,
                     size_t spans);

// Invalid input: counts it and returns 400 text/plain "Unable to process request body: <error>".
common::HttpResponse reject_bad_body(common::MetricsRegistry* metrics, const IngestLabels& labels,
                                     const std::string& error);

// HTTP mapping shared by the Jaeger and Zipkin endpoints: 202 on success, 503 + Retry-After: 1 on back-pressure
// or shutdown, 400 on invalid data.
common::HttpResponse http_response_for(const IngestOutcome& outcome);

}  // namespace peregrine::receivers
