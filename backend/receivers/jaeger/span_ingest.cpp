// Batch submission, outcome mapping and rejection counting for the Jaeger and Zipkin receivers.
#include "backend/receivers/jaeger/span_ingest.hpp"

namespace peregrine::receivers {

void count_rejection(common::MetricsRegistry* metrics, const IngestLabels& labels, const std::string& reason,
                     size_t spans) {
  if (!metrics) return;
  metrics
      ->counter("peregrine_" + labels.receiver + "_requests_rejected_total",
                "Requests rejected by the " + labels.receiver + " receivers, by reason",
                {{"transport", labels.transport}, {"encoding", labels.encoding}, {"reason", reason}})
      .inc();
  if (spans > 0)
    metrics
        ->counter("jaeger_collector_spans_rejected_total", "Number of spans rejected",
                  {{"transport", labels.transport}, {"format", labels.format}})
        .inc(static_cast<double>(spans));
}

IngestOutcome submit_spans(model::SpanBatch&& batch, pipeline::Sink& sink, const IngestLabels& labels,
                           common::MetricsRegistry* metrics) {
  IngestOutcome outcome;
  outcome.spans = batch.size();
  if (batch.empty()) return outcome;
  const pipeline::SubmitResult result = sink.submit(std::move(batch), labels.transport, labels.format);
  switch (result.status) {
    case pipeline::SubmitStatus::Accepted: break;
    case pipeline::SubmitStatus::QueueFull:
      outcome.status = IngestStatus::QueueFull;
      outcome.message = "collector queue is full, retry later";
      count_rejection(metrics, labels, "queue_full", 0);
      break;
    case pipeline::SubmitStatus::ShuttingDown:
      outcome.status = IngestStatus::ShuttingDown;
      outcome.message = "collector is shutting down";
      count_rejection(metrics, labels, "shutting_down", 0);
      break;
  }
  return outcome;
}

common::HttpResponse reject_bad_body(common::MetricsRegistry* metrics, const IngestLabels& labels,
                                     const std::string& error) {
  count_rejection(metrics, labels, "invalid", 0);
  return common::HttpResponse::text(400, "Unable to process request body: " + error + "\n");
}

common::HttpResponse http_response_for(const IngestOutcome& outcome) {
  switch (outcome.status) {
    case IngestStatus::Accepted: return common::HttpResponse::text(202, "");
    case IngestStatus::Invalid: return common::HttpResponse::text(400, outcome.message + "\n");
    case IngestStatus::QueueFull:
    case IngestStatus::ShuttingDown: {
      auto r = common::HttpResponse::text(503, outcome.message + "\n");
      r.headers.emplace_back("Retry-After", "1");
      return r;
    }
  }
  return common::HttpResponse::text(500, "unexpected ingest outcome\n");
}

}  // namespace peregrine::receivers
