// Sink: where receivers hand decoded span batches. Implemented by the bounded ingest queue.
#pragma once
#include <string>
#include <utility>

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

  // Optional batch recycling. A decoder may ask for a batch the pipeline has finished with and overwrite its spans
  // in place (their vectors and strings keep their capacity, so decoding allocates little); it gets an empty batch
  // when none is available. recycle() hands back a batch the caller no longer needs (e.g. one submit() refused).
  // The defaults recycle nothing.
  virtual model::SpanBatch reusable_batch() { return {}; }
  virtual void recycle(model::SpanBatch&& batch) { model::SpanBatch discarded = std::move(batch); }
};

}  // namespace peregrine::pipeline
