// TraceShard implementation.
#include "backend/storage/memory/trace_shard.hpp"

#include <algorithm>
#include <limits>
#include <mutex>
#include <unordered_map>

#include "backend/storage/memory/query_plan.hpp"
#include "backend/storage/memory/span_codec.hpp"

namespace peregrine::storage::memory {

uint32_t TraceShard::allocate_slot() {
  if (!free_slots_.empty()) {
    uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    return slot;
  }
  records_.emplace_back();
  return static_cast<uint32_t>(records_.size() - 1);
}

namespace {

ByteCursor cursor_over(std::string_view bytes) {
  const auto* begin = reinterpret_cast<const uint8_t*>(bytes.data());
  return ByteCursor(begin, begin + bytes.size());
}

// True when a record of `bytes` (encoded against base_start_us) has this span id and start.
bool contains_span_key(std::string_view bytes, int64_t base_start_us, uint64_t span_id, int64_t start_us) {
  ByteCursor c = cursor_over(bytes);
  while (!c.at_end()) {
    SpanKey k = read_span_key_and_skip(c, base_start_us);
    if (k.span_id == span_id && k.start_us == start_us) return true;
  }
  return false;
}

void insert_span_keys(std::string_view bytes, int64_t base_start_us, std::unordered_set<uint64_t>& keys) {
  ByteCursor c = cursor_over(bytes);
  while (!c.at_end()) {
    SpanKey k = read_span_key_and_skip(c, base_start_us);
    keys.insert(span_key_hash(k.span_id, k.start_us));
  }
}

std::string_view blob_bytes(const TraceRecord& t) {
  return std::string_view(reinterpret_cast<const char*>(t.blob.begin()), t.blob.size());
}

}  // namespace

bool TraceShard::is_duplicate(TraceRecord& t, std::string_view staged, uint64_t span_id, int64_t start_us) {
  if (!t.span_keys && t.span_count > kLargeTrace) {
    t.span_keys = std::make_unique<std::unordered_set<uint64_t>>();
    insert_span_keys(blob_bytes(t), t.base_start_us, *t.span_keys);
    insert_span_keys(staged, t.base_start_us, *t.span_keys);
  }
  if (t.span_keys && !t.span_keys->count(span_key_hash(span_id, start_us))) return false;
  // Small trace, or a hash hit to confirm: walk the records.
  return contains_span_key(blob_bytes(t), t.base_start_us, span_id, start_us) ||
         contains_span_key(staged, t.base_start_us, span_id, start_us);
}

void TraceShard::write_group(const SpanToWrite* spans, size_t count, GroupWriteResult& result) {
  std::unique_lock lock(mu_);
  size_t i = 0;
  while (i < count) {
    size_t j = i + 1;
    while (j < count && spans[j].span->trace_id == spans[i].span->trace_id) ++j;
    write_trace_locked(spans + i, j - i, result);
    i = j;
  }
}

void TraceShard::write_trace_locked(const SpanToWrite* spans, size_t count, GroupWriteResult& result) {
  thread_local std::string staged;  // this call's encoded records, appended to the blob at once
  staged.clear();
  const model::Span& first = *spans[0].span;
  // The trace's start once this group is written: every span of the group is stored or is a duplicate of one
  // whose start is already counted, so the minimum over the group is exact.
  int64_t group_start = first.start_time_us;
  for (size_t k = 1; k < count; ++k) group_start = std::min(group_start, spans[k].span->start_time_us);
  uint32_t slot = by_id_.find(first.trace_id);
  if (slot == TraceSlotMap::kNone) {
    slot = allocate_slot();
    by_id_.insert(first.trace_id, slot);
    TraceRecord& t = records_[slot];
    t.id = first.trace_id;
    t.base_start_us = first.start_time_us;
    t.start_min_us = group_start;
    t.start_max_us = first.start_time_us;
    t.duration_min_us = t.duration_max_us = first.duration_us;
    t.live = true;
    time_index_.insert(t.start_min_us, slot);
    result.new_traces.push_back(&first);
  } else if (group_start < records_[slot].start_min_us) {
    TraceRecord& t = records_[slot];
    time_index_.erase(t.start_min_us, slot);
    t.start_min_us = group_start;
    time_index_.insert(t.start_min_us, slot);
  }

  TraceRecord& t = records_[slot];
  for (size_t k = 0; k < count; ++k) {
    const model::Span& span = *spans[k].span;
    const bool may_exist = t.span_count > 0;
    if (may_exist && is_duplicate(t, staged, span.span_id, span.start_time_us)) continue;
    EncodedSpanInfo info = encode_span(span, spans[k].process, t.base_start_us, dicts_, staged);
    t.terms.merge(info.terms);
    t.start_max_us = std::max(t.start_max_us, info.start_us);
    t.duration_min_us = std::min(t.duration_min_us, info.duration_us);
    t.duration_max_us = std::max(t.duration_max_us, info.duration_us);
    if (t.span_keys) t.span_keys->insert(span_key_hash(span.span_id, span.start_time_us));
    t.span_count++;
    if (operations_seen_.insert(info.operation_key).second) result.new_operations.push_back(&span);
  }
  max_spread_us_ = std::max(max_spread_us_, t.start_max_us - t.start_min_us);
  t.blob.append(staged);
}

bool TraceShard::evict(const model::TraceID& id) {
  std::unique_lock lock(mu_);
  const uint32_t slot = by_id_.find(id);
  if (slot == TraceSlotMap::kNone) return false;
  TraceRecord& t = records_[slot];
  ByteCursor c(t.blob.begin(), t.blob.end());
  while (!c.at_end()) release_span_record(c, dicts_);
  time_index_.erase(t.start_min_us, slot);
  by_id_.erase(id);
  t = TraceRecord{};
  free_slots_.push_back(slot);
  return true;
}

std::optional<model::Trace> TraceShard::get(const model::TraceID& id) const {
  std::shared_lock lock(mu_);
  const uint32_t slot = by_id_.find(id);
  if (slot == TraceSlotMap::kNone) return std::nullopt;
  const TraceRecord& t = records_[slot];
  model::Trace trace;
  trace.spans.reserve(t.span_count);
  ByteCursor c(t.blob.begin(), t.blob.end());
  while (!c.at_end()) trace.spans.push_back(decode_span(c, t.base_start_us, t.id, dicts_));
  return trace;
}

void TraceShard::search(const TraceQuery& q, TopTraces& top) const {
  if (q.tags.size() > QueryPlan::kMaxTags) {
    search_by_decoding(q, top);
    return;
  }
  std::shared_lock lock(mu_);
  QueryPlan plan = make_query_plan(q, dicts_);
  if (plan.impossible) return;
  // A trace whose start is below this bound has no span at or after start_min (spans start within
  // max_spread_us_ of their trace's start).
  const int64_t lowest = std::numeric_limits<int64_t>::min();
  const int64_t walk_floor = plan.start_min_us < lowest + max_spread_us_ ? lowest : plan.start_min_us - max_spread_us_;
  const TimeIndex::Entry* first = time_index_.begin();
  const TimeIndex::Entry* e = time_index_.upper_bound(plan.start_max_us);
  while (e != first) {
    --e;
    if (e->start_us < walk_floor) break;
    if (top.full() && e->start_us < top.threshold()) break;
    const TraceRecord& t = records_[e->slot];
    if (!summary_may_match(plan, t) || !trace_matches(plan, t)) continue;
    top.offer(t.start_min_us, t.id);
  }
}

void TraceShard::search_by_decoding(const TraceQuery& q, TopTraces& top) const {
  std::shared_lock lock(mu_);
  const int64_t start_max = q.start_time_max_us != 0 ? q.start_time_max_us : std::numeric_limits<int64_t>::max();
  const TimeIndex::Entry* first = time_index_.begin();
  const TimeIndex::Entry* e = time_index_.upper_bound(start_max);
  while (e != first) {
    --e;
    if (top.full() && e->start_us < top.threshold()) break;
    const TraceRecord& t = records_[e->slot];
    ByteCursor c(t.blob.begin(), t.blob.end());
    while (!c.at_end()) {
      if (span_matches(q, decode_span(c, t.base_start_us, t.id, dicts_))) {
        top.offer(t.start_min_us, t.id);
        break;
      }
    }
  }
}

void TraceShard::add_dependencies(int64_t from_us, int64_t to_us, DependencyCounts& out) const {
  struct SpanLink {
    uint64_t span_id;
    uint64_t parent_id;
    uint32_t process;
  };
  std::shared_lock lock(mu_);
  std::map<std::pair<uint32_t, uint32_t>, uint64_t> by_process;
  std::vector<SpanLink> spans;
  std::unordered_map<uint64_t, uint32_t> first_index;  // span id → index, for large traces
  for (const TraceRecord& t : records_) {
    if (!t.live || t.start_max_us < from_us || t.start_min_us > to_us) continue;
    spans.clear();
    bool in_window = false;
    ByteCursor c(t.blob.begin(), t.blob.end());
    while (!c.at_end()) {
      SpanHeader h = read_span_header(c, t.base_start_us);
      if (h.start_us >= from_us && h.start_us <= to_us) in_window = true;
      SpanLink link{h.span_id, 0, h.process};
      size_t refs = static_cast<size_t>(c.varint());
      for (size_t i = 0; i < refs; ++i) {
        EncodedRef r = read_reference(c);
        if (link.parent_id == 0 && !r.follows_from && !r.other_trace) link.parent_id = r.span_id;
      }
      spans.push_back(link);
      c.jump(h.record_end);
    }
    if (!in_window) continue;
    const bool use_map = spans.size() > kLargeTrace;
    if (use_map) {
      first_index.clear();
      for (uint32_t i = 0; i < spans.size(); ++i) first_index.emplace(spans[i].span_id, i);
    }
    for (const SpanLink& s : spans) {
      if (s.parent_id == 0) continue;
      const SpanLink* parent = nullptr;
      if (use_map) {
        auto f = first_index.find(s.parent_id);
        if (f != first_index.end()) parent = &spans[f->second];
      } else {
        for (const SpanLink& p : spans) {
          if (p.span_id == s.parent_id) {
            parent = &p;
            break;
          }
        }
      }
      if (parent) by_process[{parent->process, s.process}]++;
    }
  }
  for (const auto& [processes, calls] : by_process) {
    const std::string& parent = dicts_.processes.at(processes.first).process->service_name;
    const std::string& child = dicts_.processes.at(processes.second).process->service_name;
    if (parent == child) continue;
    out[{parent, child}] += calls;
  }
}

size_t TraceShard::trace_count() const {
  std::shared_lock lock(mu_);
  return by_id_.size();
}

}  // namespace peregrine::storage::memory
