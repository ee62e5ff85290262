// SpanBatchObserver: told about every batch the ingest queue accepts, after sanitizing, on the submitting thread
// (e.g. adaptive sampling's throughput counting). It must be cheap and must not keep references to the spans.
#pragma once
#include "backend/model/span.hpp"

namespace peregrine::pipeline {

class SpanBatchObserver {
 public:
  virtual ~SpanBatchObserver() = default;
  virtual void observe(const model::SpanBatch& accepted) = 0;
};

}  // namespace peregrine::pipeline
