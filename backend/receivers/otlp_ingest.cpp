// OTLP request (bytes or parsed message) → Sink submission with outcome mapping and rejection metrics (see
// otlp_ingest.hpp).
#include "backend/receivers/otlp_ingest.hpp"

#include <utility>

#include "backend/convert/otlp_wire_to_model.hpp"

namespace peregrine::receivers {

void count_otlp_rejection(common::MetricsRegistry* metrics, const std::string& transport,
                          const std::string& encoding, const std::string& reason, size_t spans) {
  if (metrics == nullptr) return;
  metrics
      ->counter("peregrine_otlp_requests_rejected_total", "OTLP export requests rejected, by reason",
                {{"transport", transport}, {"encoding", encoding}, {"reason", reason}})
      .inc();
  if (spans > 0) {
    metrics
        ->counter("jaeger_collector_spans_rejected_total", "Number of spans rejected",
                  {{"transport", transport}, {"format", kOtlpSpanFormat}})
        .inc(static_cast<double>(spans));
  }
}

namespace {

// Hands a converted batch of `outcome.spans` spans to the sink and maps the result.
OtlpIngestOutcome submit_batch(model::SpanBatch&& batch, OtlpIngestOutcome outcome, pipeline::Sink& sink,
                               const std::string& transport, const std::string& encoding,
                               common::MetricsRegistry* metrics) {
  const pipeline::SubmitResult submitted = sink.submit(std::move(batch), transport, kOtlpSpanFormat);
  // A refused batch is still ours: its memory can serve the next request.
  if (submitted.status != pipeline::SubmitStatus::Accepted) sink.recycle(std::move(batch));
  switch (submitted.status) {
    case pipeline::SubmitStatus::Accepted:
      break;
    case pipeline::SubmitStatus::QueueFull:
      outcome.status = OtlpIngestStatus::QueueFull;
      outcome.message = "collector queue is full, retry later";
      count_otlp_rejection(metrics, transport, encoding, "queue_full", 0);
      break;
    case pipeline::SubmitStatus::ShuttingDown:
      outcome.status = OtlpIngestStatus::ShuttingDown;
      outcome.message = "collector is shutting down";
      count_otlp_rejection(metrics, transport, encoding, "shutting_down", 0);
      break;
  }
  return outcome;
}

}  // namespace

OtlpIngestOutcome ingest_otlp_request(convert::OtlpExportRequest&& request, pipeline::Sink& sink,
                                      const std::string& transport, const std::string& encoding,
                                      common::MetricsRegistry* metrics) {
  OtlpIngestOutcome outcome;
  outcome.spans = convert::otlp_count_spans(request);
  if (outcome.spans == 0) return outcome;

  convert::OtlpToModelResult converted = convert::otlp_to_model(std::move(request));
  if (!converted.ok()) {
    outcome.status = OtlpIngestStatus::InvalidArgument;
    outcome.message = std::move(converted.error);
    count_otlp_rejection(metrics, transport, encoding, "invalid", outcome.spans);
    return outcome;
  }
  return submit_batch(std::move(converted.batch), std::move(outcome), sink, transport, encoding, metrics);
}

OtlpIngestOutcome ingest_otlp_protobuf(std::string_view request_bytes, pipeline::Sink& sink,
                                       const std::string& transport, const std::string& encoding,
                                       common::MetricsRegistry* metrics) {
  // Decoded into a batch the pipeline has finished with when there is one (its memory is reused).
  convert::OtlpWireResult fast = convert::otlp_wire_to_model(request_bytes, sink.reusable_batch());
  if (fast.converted) {
    OtlpIngestOutcome outcome;
    outcome.spans = fast.batch.size();
    if (outcome.spans == 0) return outcome;
    return submit_batch(std::move(fast.batch), std::move(outcome), sink, transport, encoding, metrics);
  }
  // Reference path (malformed input, invalid IDs, unusual encodings): protobuf parsing on an arena.
  google::protobuf::Arena arena(otlp_arena_options());
  auto* request = google::protobuf::Arena::CreateMessage<convert::OtlpExportRequest>(&arena);
  if (!request->ParseFromArray(request_bytes.data(), static_cast<int>(request_bytes.size()))) {
    OtlpIngestOutcome outcome;
    outcome.status = OtlpIngestStatus::Undecodable;
    outcome.message = request->InitializationErrorString();
    return outcome;
  }
  return ingest_otlp_request(std::move(*request), sink, transport, encoding, metrics);
}

}  // namespace peregrine::receivers
