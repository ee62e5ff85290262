// OTLP request → Sink submission with outcome mapping and rejection metrics (see otlp_ingest.hpp).
#include "backend/receivers/otlp_ingest.hpp"

#include <utility>

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

  const pipeline::SubmitResult submitted = sink.submit(std::move(converted.batch), transport, kOtlpSpanFormat);
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

}  // namespace peregrine::receivers
