// MemoryStore implementation: routes spans to shards, keeps the eviction FIFO and the catalog, and merges
// per-shard search and dependency results.
#include "backend/storage/memory/memory_store.hpp"

#include <algorithm>

#include "backend/storage/dependency_links.hpp"
#include "backend/storage/memory/batch_processes.hpp"
#include "backend/storage/memory/bloom.hpp"
#include "backend/storage/memory/trace_shard.hpp"

namespace peregrine::storage::memory {

namespace {

void register_new_operations(const TraceShard::GroupWriteResult& result, Catalog& catalog) {
  for (const model::Span* span : result.new_operations) {
    catalog.add(span->process ? span->process->service_name : std::string(), span->operation_name,
                span->span_kind());
  }
}

}  // namespace

MemoryStore::MemoryStore(MemoryStoreOptions options) : options_(options) {
  if (options_.shards == 0) options_.shards = 1;
  shards_.reserve(options_.shards);
  for (size_t i = 0; i < options_.shards; ++i) shards_.push_back(std::make_unique<TraceShard>());
}

MemoryStore::~MemoryStore() = default;

uint32_t MemoryStore::shard_index(const model::TraceID& id) const {
  uint64_t h = mix64(id.low ^ mix64(id.high));
  return static_cast<uint32_t>(h % shards_.size());
}

TraceShard& MemoryStore::shard_for(const model::TraceID& id) const { return *shards_[shard_index(id)]; }

void MemoryStore::write_spans(const model::SpanBatch& batch) {
  thread_local TraceShard::GroupWriteResult result;
  thread_local BatchProcesses processes;
  processes.prepare(batch);
  if (options_.max_traces > 0) {
    // Eviction follows insertion order span by span (a trace evicted mid-batch is re-created by its later
    // spans), so with a bound the batch is written strictly in order.
    for (size_t i = 0; i < batch.size(); ++i) {
      result.clear();
      const TraceShard::SpanToWrite one{&batch[i], &processes.of_span(i)};
      shard_for(batch[i].trace_id).write_group(&one, 1, result);
      register_new_operations(result, catalog_);
      if (!result.new_traces.empty()) record_new_trace(batch[i].trace_id);
    }
    processes.clear();
    return;
  }
  // Unbounded: group the batch by shard (counting sort, stable), then by trace within each shard (keeping each
  // trace's spans in batch order), so every shard is locked once and every trace is looked up and appended to once
  // per batch.
  struct Keyed {
    model::TraceID trace;  // copied so sorting compares local data only
    uint32_t index;
    bool operator<(const Keyed& o) const { return trace < o.trace || (trace == o.trace && index < o.index); }
  };
  thread_local std::vector<uint32_t> shard_of;
  thread_local std::vector<size_t> run_start;
  thread_local std::vector<Keyed> keyed;
  thread_local std::vector<TraceShard::SpanToWrite> ordered;
  const size_t n = batch.size();
  shard_of.resize(n);
  run_start.assign(shards_.size() + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    shard_of[i] = shard_index(batch[i].trace_id);
    ++run_start[shard_of[i] + 1];
  }
  for (size_t s = 0; s < shards_.size(); ++s) run_start[s + 1] += run_start[s];
  keyed.resize(n);
  {
    thread_local std::vector<size_t> next;
    next.assign(run_start.begin(), run_start.end() - 1);
    for (size_t i = 0; i < n; ++i) keyed[next[shard_of[i]]++] = Keyed{batch[i].trace_id, static_cast<uint32_t>(i)};
  }
  ordered.resize(n);
  for (size_t s = 0; s < shards_.size(); ++s) {
    const size_t begin = run_start[s];
    const size_t end = run_start[s + 1];
    if (begin == end) continue;
    std::sort(keyed.begin() + static_cast<std::ptrdiff_t>(begin), keyed.begin() + static_cast<std::ptrdiff_t>(end));
    for (size_t k = begin; k < end; ++k) {
      ordered[k] = TraceShard::SpanToWrite{&batch[keyed[k].index], &processes.of_span(keyed[k].index)};
    }
    result.clear();
    shards_[s]->write_group(ordered.data() + begin, end - begin, result);
    register_new_operations(result, catalog_);
  }
  processes.clear();
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
  return dependency_links(counts);
}

size_t MemoryStore::trace_count() const {
  size_t n = 0;
  for (const auto& shard : shards_) n += shard->trace_count();
  return n;
}

}  // namespace peregrine::storage::memory
