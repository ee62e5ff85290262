// BatchRecycler: a small, bounded, thread-safe pool of span batches the pipeline has finished with. Ingest workers
// give written batches back instead of destroying them; receivers take one and let their decoder overwrite its
// spans in place, reusing every vector's and string's capacity. In steady state this removes nearly all per-span
// allocations of decoding, and the frees workers would otherwise do on memory another thread allocated. Batches
// beyond the bounds are simply destroyed.
#pragma once
#include <cstddef>
#include <mutex>
#include <utility>
#include <vector>

#include "backend/model/span.hpp"

namespace peregrine::pipeline {

class BatchRecycler {
 public:
  static constexpr size_t kMaxBatches = 8;
  static constexpr size_t kMaxSpans = 16384;  // across kept batches: bounds the memory held (~1.5 KB per span)

  // A kept batch, or an empty one when none is available.
  model::SpanBatch take() {
    std::lock_guard<std::mutex> lock(mu_);
    if (kept_.empty()) return {};
    model::SpanBatch batch = std::move(kept_.back());
    kept_.pop_back();
    spans_ -= batch.size();
    return batch;
  }

  // Keeps `batch` when within bounds; otherwise it is destroyed (outside the lock).
  void give(model::SpanBatch&& batch) {
    if (batch.empty()) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (kept_.size() < kMaxBatches && spans_ + batch.size() <= kMaxSpans) {
        spans_ += batch.size();
        kept_.push_back(std::move(batch));
        return;
      }
    }
    model::SpanBatch discarded = std::move(batch);
  }

 private:
  std::mutex mu_;
  std::vector<model::SpanBatch> kept_;
  size_t spans_ = 0;
};

}  // namespace peregrine::pipeline
