// TraceShard: one of the memory store's independently locked partitions (traces are assigned by trace-id
// hash). It owns its dictionaries, trace records (a slot vector with a free list), the trace-id → slot map and
// the time index, and implements the per-shard halves of write, evict, get, search and dependencies.
// Readers take the shard lock shared, writers exclusive.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "backend/model/trace.hpp"
#include "backend/storage/memory/shard_dictionaries.hpp"
#include "backend/storage/memory/time_index.hpp"
#include "backend/storage/memory/top_traces.hpp"
#include "backend/storage/memory/trace_record.hpp"
#include "backend/storage/span_reader.hpp"

namespace peregrine::storage::memory {

class TraceShard {
 public:
  struct WriteResult {
    bool stored = false;         // false: an identical (trace, span id, start) span was already stored
    bool new_trace = false;      // the span created its trace
    bool new_operation = false;  // first time this shard sees the (service, operation, span kind) triple
  };

  WriteResult write(const model::Span& span);
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

  static bool is_duplicate(TraceRecord& t, uint64_t span_id, int64_t start_us);
  void search_by_decoding(const TraceQuery& q, TopTraces& top) const;
  uint32_t allocate_slot();

  mutable std::shared_mutex mu_;
  ShardDictionaries dicts_;
  std::vector<TraceRecord> records_;
  std::vector<uint32_t> free_slots_;
  std::unordered_map<model::TraceID, uint32_t, model::TraceIDHash> by_id_;
  TimeIndex time_index_;
  int64_t max_spread_us_ = 0;  // largest (latest span start - trace start) seen; bounds the search walk
  std::unordered_set<uint64_t> operations_seen_;
};

}  // namespace peregrine::storage::memory
