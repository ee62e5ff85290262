// GrpcReporter: forwards the agent's batches to collectors with jaeger.api_v2.CollectorService/PostSpans,
// appending --agent.tags to each batch's process tags. Calls rotate across the configured channels; failures
// with a retryable status (UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, ABORTED) are retried up to
// --reporter.grpc.retry.max times with exponential back-off (on the next channel). Outcomes are counted in
// jaeger_agent_reporter_{batches,spans}_{submitted,failures}_total{format,protocol="grpc"}.
#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <vector>

#include <grpcpp/channel.h>

#include "backend/agent/reporter.hpp"
#include "backend/common/metrics.hpp"
#include "backend/model/key_value.hpp"
#include "jaeger/collector.grpc.pb.h"

namespace peregrine::agent {

struct GrpcReporterOptions {
  int retry_max = 3;
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{2000};
  std::chrono::milliseconds call_timeout{5000};
};

class GrpcReporter : public Reporter {
 public:
  GrpcReporter(std::vector<std::shared_ptr<grpc::Channel>> channels, model::KeyValues agent_tags,
               GrpcReporterOptions options, common::MetricsRegistry& metrics);
  void emit_batch(model::SpanBatch&& spans, const std::string& format) override;

 private:
  std::vector<std::unique_ptr<jaeger::api_v2::CollectorService::Stub>> stubs_;
  model::KeyValues agent_tags_;
  GrpcReporterOptions options_;
  common::MetricsRegistry& metrics_;
  std::atomic<size_t> next_{0};
};

// Returns the spans with `tags` appended to their processes (spans sharing a process keep sharing the copy).
model::SpanBatch with_agent_tags(model::SpanBatch&& spans, const model::KeyValues& tags);

}  // namespace peregrine::agent
