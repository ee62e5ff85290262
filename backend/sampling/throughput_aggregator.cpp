// Per-interval throughput counting for adaptive sampling.
#include "backend/sampling/throughput_aggregator.hpp"

namespace peregrine::sampling {

void ThroughputAggregator::record_batch(const model::SpanBatch& batch) {
  std::unique_lock<std::mutex> lock(mu_, std::defer_lock);
  for (const auto& span : batch) {
    auto sampler = root_span_sampler(span);
    if (!sampler) continue;
    if (!lock.owns_lock()) lock.lock();
    record_locked(span.process->service_name, span.operation_name, *sampler);
  }
}

void ThroughputAggregator::record(std::string_view service, std::string_view operation,
                                  const RootSpanSampler& sampler) {
  std::lock_guard<std::mutex> lock(mu_);
  record_locked(service, operation, sampler);
}

void ThroughputAggregator::record_locked(std::string_view service, std::string_view operation,
                                         const RootSpanSampler& sampler) {
  auto svc = current_.find(service);
  if (svc == current_.end()) svc = current_.emplace(std::string(service), OperationThroughputs{}).first;
  auto op = svc->second.find(operation);
  if (op == svc->second.end()) op = svc->second.emplace(std::string(operation), OperationThroughput{}).first;
  OperationThroughput& t = op->second;
  if (t.probabilities.size() < kMaxProbabilitiesPerOperation) t.probabilities.insert(truncate_probability(sampler.param));
  if (sampler.type == RootSamplerType::Probabilistic) ++t.count;
}

ServiceOperationThroughput ThroughputAggregator::take() {
  std::lock_guard<std::mutex> lock(mu_);
  ServiceOperationThroughput out;
  out.swap(current_);
  return out;
}

}  // namespace peregrine::sampling
