// TraceShard: one of the memory store's independently locked partitions (traces are assigned by trace-id
// hash). It owns its dictionaries, trace records (a slot vector with a free list), the trace-id → slot map and
// the time index, and implements the per-shard halves of write, evict, get, search and dependencies.
// Readers take the shard lock shared, writers exclusive.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "backend/model/trace.hpp"
#include "backend/storage/memory/shard_dictionaries.hpp"
#include "backend/storage/memory/time_index.hpp"
#include "backend/storage/memory/top_traces.hpp"
#include "backend/storage/memory/trace_record.hpp"
#include "backend/storage/memory/trace_slot_map.hpp"
#include "backend/storage/span_reader.hpp"

namespace peregrine::storage::memory {

class TraceShard {
 public:
  // The spans of a write_group call that created their trace / registered a new (service, operation, span
  // kind) triple in this shard. Pointers into the caller's spans.
  struct GroupWriteResult {
    std::vector<const model::Span*> new_traces;
    std::vector<const model::Span*> new_operations;
    void clear() {
      new_traces.clear();
      new_operations.clear();
    }
  };

  // One span to write, with its process's canonical key when the caller prepared it (else null).
  struct SpanToWrite {
    const model::Span* span = nullptr;
    const PreparedProcess* process = nullptr;
  };

  // Writes `count` spans of this shard under one lock acquisition. Spans of the same trace must be adjacent and
  // in write order; each trace costs one record lookup and one blob append. A span identical to one already
  // stored in its trace (same span id and start time, in the store or earlier in the group) is skipped: retried
  // writes are idempotent. Appends to `result` (not cleared).
  void write_group(const SpanToWrite* spans, size_t count, GroupWriteResult& result);
  // Removes the trace and releases its dictionary references. False when absent.
  bool evict(const model::TraceID& id);

  std::optional<model::Trace> get(const model::TraceID& id) const;
  // Offers this shard's matching traces to `top`, newest first, stopping as soon as none can qualify.
  void search(const TraceQuery& q, TopTraces& top) const;

  // (parent service, child service) → calls, from traces with a span starting in [from_us, to_us].
  using DependencyCounts = std::map<std::pair<std::string, std::string>, uint64_t>;
  void add_dependencies(int64_t from_us, int64_t to_us, DependencyCounts& out) const;

  size_t trace_count() const;

 private:
  static constexpr uint32_t kLargeTrace = 32;  // beyond this many spans, dedupe uses a hash set

  // Writes spans[0..count) (all of one trace) under the held lock.
  void write_trace_locked(const SpanToWrite* spans, size_t count, GroupWriteResult& result);
  // True when (span_id, start_us) is already in the trace's blob or in `staged` (records encoded against the
  // trace's base start, not yet appended).
  static bool is_duplicate(TraceRecord& t, std::string_view staged, uint64_t span_id, int64_t start_us);
  void search_by_decoding(const TraceQuery& q, TopTraces& top) const;
  uint32_t allocate_slot();

  mutable std::shared_mutex mu_;
  ShardDictionaries dicts_;
  std::vector<TraceRecord> records_;
  std::vector<uint32_t> free_slots_;
  TraceSlotMap by_id_;
  TimeIndex time_index_;
  int64_t max_spread_us_ = 0;  // largest (latest span start - trace start) seen; bounds the search walk
  std::unordered_set<uint64_t> operations_seen_;
};

}  // namespace peregrine::storage::memory
