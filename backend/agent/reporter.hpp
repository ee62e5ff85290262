// Reporter: where the agent's UDP processors hand decoded batches. Implementations forward over gRPC to a
// collector (GrpcReporter) or submit straight into an in-process pipeline (SinkReporter, all-in-one).
#pragma once
#include <string>

#include "backend/model/span.hpp"

namespace peregrine::agent {

class Reporter {
 public:
  virtual ~Reporter() = default;
  // `format` is "jaeger" (emitBatch) or "zipkin" (emitZipkinBatch). Failures are counted, never thrown:
  // UDP senders get no answer anyway.
  virtual void emit_batch(model::SpanBatch&& spans, const std::string& format) = 0;
};

}  // namespace peregrine::agent
