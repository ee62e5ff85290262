// In-process reporter for the all-in-one (see sink_reporter.hpp).
#include "backend/agent/sink_reporter.hpp"

namespace peregrine::agent {

void count_reporter_result(common::MetricsRegistry& metrics, const std::string& format, const std::string& protocol,
                           size_t spans, bool ok) {
  const common::Labels labels{{"format", format}, {"protocol", protocol}};
  const char* outcome = ok ? "submitted" : "failures";
  metrics.counter(std::string("jaeger_agent_reporter_batches_") + outcome + "_total",
                  ok ? "Number of batches submitted by the agent reporter" : "Number of batches the agent reporter failed to submit",
                  labels)
      .inc();
  metrics.counter(std::string("jaeger_agent_reporter_spans_") + outcome + "_total",
                  ok ? "Number of spans submitted by the agent reporter" : "Number of spans the agent reporter failed to submit",
                  labels)
      .inc(static_cast<double>(spans));
}

void SinkReporter::emit_batch(model::SpanBatch&& spans, const std::string& format) {
  size_t n = spans.size();
  if (n == 0) return;
  auto result = sink_.submit(std::move(spans), "udp", format);
  count_reporter_result(metrics_, format, "in-process", n, result.status == pipeline::SubmitStatus::Accepted);
}

}  // namespace peregrine::agent
