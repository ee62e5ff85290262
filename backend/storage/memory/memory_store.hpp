// MemoryStore: SPAN_STORAGE_TYPE=memory — the span writer, reader and dependency reader kept in process memory.
//
// Design (targets: ≤ 300 B RSS per typical span, find p99 ≤ 50 ms and get p99 ≤ 2 ms at 1M spans, ≥ 300k
// spans/s from two writers):
//  * 16 shards chosen by trace-id hash, each with its own shared_mutex, so concurrent writers rarely meet and
//    readers never block the whole store.
//  * Spans are stored encoded (span_codec.hpp): one append-only byte blob per trace, varint/zigzag numbers,
//    times relative to the trace, and dictionary ids instead of strings. Each shard interns operation names and
//    tag keys, string values that keep repeating (per-key adaptive policy, see shard_dictionaries.hpp), and
//    whole processes (deduplicated by value, shared by every decoded span). Dictionary entries are
//    reference-counted and freed on eviction, so memory stays bounded under --memory.max-traces. Reads decode.
//  * Per trace only a small record is kept: start/duration ranges and a 512-bit Bloom summary of its services,
//    operations and tag values (span tags, log fields and process tags).
//  * Search walks each shard's time index (traces sorted by start) newest → oldest, skips traces whose summary
//    rules them out, and verifies the rest on the encoded bytes with ids resolved up front (query_plan.hpp).
//    Results are the newest `num_traces` matches by trace start; shards are searched in turn and a shared
//    top-N threshold stops later shards early, so a typical search verifies about num_traces traces.
//  * Retried writes are deduplicated on (trace id, span id, start time).
//  * Without a trace bound a batch is written grouped by shard and trace: one lock per shard, one lookup and one
//    blob append per trace; the dictionaries and the trace-id map are flat open-addressing tables, and a batch's
//    processes are keyed once for all shards (batch_processes.hpp). With --memory.max-traces the batch is written
//    span by span, in order, so eviction sees exactly the insertion order.
//  * --memory.max-traces > 0 evicts the oldest-inserted trace (a FIFO of trace ids). Services and operations
//    are a separate catalog that, like Jaeger's memory storage, survives eviction.
//  * Dependencies: for traces with a span starting in [end - lookback, end], each span whose CHILD_OF parent (in
//    the same trace) belongs to another service adds one call parent service → child service.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "backend/storage/memory/catalog.hpp"
#include "backend/storage/memory/top_traces.hpp"
#include "backend/storage/span_reader.hpp"
#include "backend/storage/span_writer.hpp"

namespace peregrine::storage::memory {

class TraceShard;

struct MemoryStoreOptions {
  int64_t max_traces = 0;  // 0 = unbounded
  size_t shards = 16;
};

class MemoryStore final : public SpanWriter, public SpanReader, public DependencyReader {
 public:
  explicit MemoryStore(MemoryStoreOptions options = {});
  ~MemoryStore() override;

  void write_spans(const model::SpanBatch& batch) override;

  std::optional<model::Trace> get_trace(const model::TraceID& id) override;
  std::vector<std::string> get_services() override;
  std::vector<Operation> get_operations(const OperationQuery& q) override;
  std::vector<model::Trace> find_traces(const TraceQuery& q) override;
  std::vector<model::TraceID> find_trace_ids(const TraceQuery& q) override;

  std::vector<model::DependencyLink> get_dependencies(int64_t end_ts_us, int64_t lookback_us) override;

  size_t trace_count() const;

 private:
  uint32_t shard_index(const model::TraceID& id) const;
  TraceShard& shard_for(const model::TraceID& id) const;
  std::vector<TopTraces::Hit> search(const TraceQuery& q) const;
  void record_new_trace(const model::TraceID& id);

  MemoryStoreOptions options_;
  std::vector<std::unique_ptr<TraceShard>> shards_;
  Catalog catalog_;
  std::mutex order_mu_;
  std::deque<model::TraceID> insertion_order_;  // only maintained when max_traces > 0
};

}  // namespace peregrine::storage::memory
