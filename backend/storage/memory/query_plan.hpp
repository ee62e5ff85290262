// QueryPlan: a TraceQuery resolved against one shard's dictionaries, so verifying a candidate trace compares
// numbers instead of strings: service → set of matching process slots, operation → name id, each tag →
// key id plus the typed forms its text could have been rendered from (Jaeger compares tag values as strings:
// "200" matches int64 200, "true" matches bool true, hex matches binary). Tags satisfied by a process's own
// tags are precomputed per process. A trace matches when ONE span satisfies every criterion.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backend/model/span.hpp"
#include "backend/storage/memory/bloom.hpp"
#include "backend/storage/memory/shard_dictionaries.hpp"
#include "backend/storage/memory/span_codec.hpp"
#include "backend/storage/memory/trace_record.hpp"
#include "backend/storage/span_reader.hpp"

namespace peregrine::storage::memory {

// One query tag, resolved for a shard.
struct TagMatcher {
  std::string value;
  uint32_t key_id = SymbolTable::kNone;    // kNone: only process tags can carry this key
  uint32_t value_id = SymbolTable::kNone;  // the interned id of `value`, if interned
  std::optional<int64_t> as_int;
  std::optional<bool> as_bool;

  // t.key must equal key_id.
  bool matches(const EncodedTag& t) const;
};

struct QueryPlan {
  static constexpr size_t kMaxTags = 64;  // one bit per tag in a uint64 mask

  bool impossible = false;  // some criterion cannot be met in this shard
  int64_t start_min_us = 0;
  int64_t start_max_us = 0;
  int64_t duration_min_us = 0;  // 0 = unbounded
  int64_t duration_max_us = 0;  // 0 = unbounded
  bool any_operation = true;
  uint32_t operation = SymbolTable::kNone;
  std::vector<uint8_t> process_ok;         // per process slot: service matches
  std::vector<uint64_t> process_tag_mask;  // per process slot: tags satisfied by the process's tags
  std::vector<TagMatcher> tags;
  uint64_t all_tags = 0;
  Bloom512 required;  // terms every matching trace's summary must contain
};

// Resolves q against d. Requires q.tags.size() <= QueryPlan::kMaxTags.
QueryPlan make_query_plan(const TraceQuery& q, const ShardDictionaries& d);

// Cheap rejections from the trace summary (never rejects a matching trace).
bool summary_may_match(const QueryPlan& plan, const TraceRecord& trace);
// Exact check: walks the encoded spans until one satisfies every criterion.
bool trace_matches(const QueryPlan& plan, const TraceRecord& trace);

// Reference semantics on a decoded span (also the path for queries with more than kMaxTags tags).
bool span_matches(const TraceQuery& q, const model::Span& span);

}  // namespace peregrine::storage::memory
