// MemoryStore implementation: routes spans to shards, keeps the eviction FIFO and the catalog, and merges
// per-shard search and dependency results.
#include "backend/storage/memory/memory_store.hpp"

#include "backend/storage/memory/bloom.hpp"
#include "backend/storage/memory/trace_shard.hpp"

namespace peregrine::storage::memory {

MemoryStore::MemoryStore(MemoryStoreOptions options) : options_(options) {
  if (options_.shards == 0) options_.shards = 1;
  shards_.reserve(options_.shards);
  for (size_t i = 0; i < options_.shards; ++i) shards_.push_back(std::make_unique<TraceShard>());
}

MemoryStore::~MemoryStore() = default;

TraceShard& MemoryStore::shard_for(const model::TraceID& id) const {
  uint64_t h = mix64(id.low ^ mix64(id.high));
  return *shards_[h % shards_.size()];
}

void MemoryStore::write_spans(const model::SpanBatch& batch) {
  for (const auto& span : batch) {
    TraceShard::WriteResult r = shard_for(span.trace_id).write(span);
    if (r.new_operation) {
      catalog_.add(span.process ? span.process->service_name : std::string(), span.operation_name, span.span_kind());
    }
    if (r.new_trace && options_.max_traces > 0) record_new_trace(span.trace_id);
  }
}

void MemoryStore::record_new_trace(const model::TraceID& id) {
  std::vector<model::TraceID> victims;
  {
    std::lock_guard lock(order_mu_);
    insertion_order_.push_back(id);
    while (insertion_order_.size() > static_cast<size_t>(options_.max_traces)) {
      victims.push_back(insertion_order_.front());
      insertion_order_.pop_front();
    }
  }
  // Shard locks are taken after the FIFO lock is released: writers hold a shard lock while never waiting for it.
  for (const auto& v : victims) shard_for(v).evict(v);
}

std::optional<model::Trace> MemoryStore::get_trace(const model::TraceID& id) { return shard_for(id).get(id); }

std::vector<std::string> MemoryStore::get_services() { return catalog_.services(); }

std::vector<Operation> MemoryStore::get_operations(const OperationQuery& q) { return catalog_.operations(q); }

std::vector<TopTraces::Hit> MemoryStore::search(const TraceQuery& q) const {
  TopTraces top(q.num_traces > 0 ? static_cast<size_t>(q.num_traces) : 0);
  for (const auto& shard : shards_) shard->search(q, top);
  return top.sorted();
}

std::vector<model::Trace> MemoryStore::find_traces(const TraceQuery& q) {
  std::vector<model::Trace> out;
  for (const auto& hit : search(q)) {
    // A trace evicted between search and fetch is simply left out.
    if (auto trace = shard_for(hit.id).get(hit.id)) out.push_back(std::move(*trace));
  }
  return out;
}

std::vector<model::TraceID> MemoryStore::find_trace_ids(const TraceQuery& q) {
  std::vector<model::TraceID> out;
  for (const auto& hit : search(q)) out.push_back(hit.id);
  return out;
}

std::vector<model::DependencyLink> MemoryStore::get_dependencies(int64_t end_ts_us, int64_t lookback_us) {
  TraceShard::DependencyCounts counts;
  for (const auto& shard : shards_) shard->add_dependencies(end_ts_us - lookback_us, end_ts_us, counts);
  std::vector<model::DependencyLink> out;
  out.reserve(counts.size());
  for (const auto& [services, calls] : counts) {
    model::DependencyLink link;
    link.parent = services.first;
    link.child = services.second;
    link.call_count = calls;
    out.push_back(std::move(link));
  }
  return out;
}

size_t MemoryStore::trace_count() const {
  size_t n = 0;
  for (const auto& shard : shards_) n += shard->trace_count();
  return n;
}

}  // namespace peregrine::storage::memory
