// Sink: where receivers hand decoded span batches. Implemented by the bounded ingest queue.
#pragma once
#include <string>

#include "backend/model/span.hpp"

namespace peregrine::pipeline {

enum class SubmitStatus {
  Accepted,      // the batch is owned by the pipeline; it will be stored (or retried) — never dropped
  QueueFull,     // back-pressure: nothing was taken; the client should retry (gRPC RESOURCE_EXHAUSTED / HTTP 503)
  ShuttingDown,  // server is stopping: nothing was taken (gRPC UNAVAILABLE / HTTP 503)
};

struct SubmitResult {
  SubmitStatus status = SubmitStatus::Accepted;
  size_t accepted_spans = 0;
};

class Sink {
 public:
  virtual ~Sink() = default;
  // All-or-nothing: either every span of the batch is accepted or none is.
  // `transport` labels metrics (e.g. "grpc", "http"); `format` e.g. "proto", "jaeger", "zipkin".
  virtual SubmitResult submit(model::SpanBatch&& batch, const std::string& transport, const std::string& format) = 0;
};

}  // namespace peregrine::pipeline
