// ThroughputAggregator: counts, per service and operation, the root spans the collector accepts that carry sampler
// tags (see root_span_sampler.hpp), for the current calculation interval. Fed from the ingest pipeline once per
// accepted batch: spans that are not root spans cost one reference scan, and the lock is taken once per batch and
// only when the batch has a root span with sampler tags. take() hands over the interval's counts and starts anew.
// Thread-safe.
#pragma once
#include <mutex>
#include <string_view>

#include "backend/model/span.hpp"
#include "backend/sampling/root_span_sampler.hpp"
#include "backend/sampling/throughput.hpp"

namespace peregrine::sampling {

class ThroughputAggregator {
 public:
  // Records every qualifying root span of the batch.
  void record_batch(const model::SpanBatch& batch);
  // One root span: probabilistic ones increment the count; lowerbound / ratelimiting ones only make the operation
  // known (count 0) so its probability is still calculated. The probability is remembered either way.
  void record(std::string_view service, std::string_view operation, const RootSpanSampler& sampler);
  // The counts since the previous take().
  ServiceOperationThroughput take();

 private:
  void record_locked(std::string_view service, std::string_view operation, const RootSpanSampler& sampler);

  std::mutex mu_;
  ServiceOperationThroughput current_;
};

}  // namespace peregrine::sampling
