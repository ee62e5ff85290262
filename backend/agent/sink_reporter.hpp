// SinkReporter: the all-in-one's agent reporter — batches from the UDP ports go straight into the collector's
// ingest queue (transport label "udp"). A full queue drops the batch and counts it in
// jaeger_agent_reporter_batches_failures_total / jaeger_agent_reporter_spans_failures_total.
#pragma once
#include "backend/agent/reporter.hpp"
#include "backend/common/metrics.hpp"
#include "backend/pipeline/sink.hpp"

namespace peregrine::agent {

class SinkReporter : public Reporter {
 public:
  SinkReporter(pipeline::Sink& sink, common::MetricsRegistry& metrics) : sink_(sink), metrics_(metrics) {}
  void emit_batch(model::SpanBatch&& spans, const std::string& format) override;

 private:
  pipeline::Sink& sink_;
  common::MetricsRegistry& metrics_;
};

// Shared reporter counters: jaeger_agent_reporter_{batches,spans}_{submitted,failures}_total{format,protocol}.
void count_reporter_result(common::MetricsRegistry& metrics, const std::string& format, const std::string& protocol,
                           size_t spans, bool ok);

}  // namespace peregrine::agent
