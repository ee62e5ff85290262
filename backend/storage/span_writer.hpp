// SpanWriter: the write side of span storage. Called by pipeline workers.
#pragma once
#include <stdexcept>
#include <string>

#include "backend/model/span.hpp"

namespace peregrine::storage {

// Thrown by storage backends when a write or read cannot be completed (backend down, timeout, ...).
// The pipeline treats it as retryable: the batch stays queued and receivers see back-pressure.
struct StorageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class SpanWriter {
 public:
  virtual ~SpanWriter() = default;
  // Stores every span of the batch, or throws StorageError (then nothing of the batch is guaranteed stored,
  // and writing it again must be harmless: storage dedupes by (trace, span, start) where it can).
  virtual void write_spans(const model::SpanBatch& batch) = 0;
};

}  // namespace peregrine::storage
