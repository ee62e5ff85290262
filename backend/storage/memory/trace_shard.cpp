// TraceShard implementation.
#include "backend/storage/memory/trace_shard.hpp"

#include <limits>
#include <mutex>

#include "backend/storage/memory/query_plan.hpp"
#include "backend/storage/memory/span_codec.hpp"

namespace peregrine::storage::memory {

namespace {

const std::string kNoService;

const std::string& service_of(const model::Span& span) {
  return span.process ? span.process->service_name : kNoService;
}

// Identity of a (service, operation, span kind) triple for the "already registered" set.
uint64_t operation_key(const model::Span& span, const std::string& kind) {
  return mix64(string_hash(service_of(span))) ^ mix64(string_hash(span.operation_name) + 0x51ed27) ^
         mix64(string_hash(kind) * 3 + 0x2545f491);
}

}  // namespace

uint32_t TraceShard::allocate_slot() {
  if (!free_slots_.empty()) {
    uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    return slot;
  }
  records_.emplace_back();
  return static_cast<uint32_t>(records_.size() - 1);
}

bool TraceShard::is_duplicate(TraceRecord& t, uint64_t span_id, int64_t start_us) {
  if (!t.span_keys && t.span_count > kLargeTrace) {
    t.span_keys = std::make_unique<std::unordered_set<uint64_t>>();
    ByteCursor c(t.blob.begin(), t.blob.end());
    while (!c.at_end()) {
      SpanKey k = read_span_key_and_skip(c, t.base_start_us);
      t.span_keys->insert(span_key_hash(k.span_id, k.start_us));
    }
  }
  if (t.span_keys && !t.span_keys->count(span_key_hash(span_id, start_us))) return false;
  // Small trace, or a hash hit to confirm: walk the records.
  ByteCursor c(t.blob.begin(), t.blob.end());
  while (!c.at_end()) {
    SpanKey k = read_span_key_and_skip(c, t.base_start_us);
    if (k.span_id == span_id && k.start_us == start_us) return true;
  }
  return false;
}

TraceShard::WriteResult TraceShard::write(const model::Span& span) {
  thread_local std::string record;
  const std::string kind = span.span_kind();
  const uint64_t op_key = operation_key(span, kind);
  WriteResult result;

  std::unique_lock lock(mu_);
  uint32_t slot;
  auto it = by_id_.find(span.trace_id);
  if (it == by_id_.end()) {
    slot = allocate_slot();
    by_id_.emplace(span.trace_id, slot);
    TraceRecord& t = records_[slot];
    t.id = span.trace_id;
    t.base_start_us = span.start_time_us;
    t.start_min_us = t.start_max_us = span.start_time_us;
    t.duration_min_us = t.duration_max_us = span.duration_us;
    t.live = true;
    time_index_.insert(t.start_min_us, slot);
    result.new_trace = true;
  } else {
    slot = it->second;
    if (is_duplicate(records_[slot], span.span_id, span.start_time_us)) return result;
  }

  TraceRecord& t = records_[slot];
  record.clear();
  EncodedSpanInfo info = encode_span(span, t.base_start_us, dicts_, record);
  t.blob.append(record);
  t.terms.merge(info.terms);
  if (info.start_us < t.start_min_us) {
    time_index_.erase(t.start_min_us, slot);
    t.start_min_us = info.start_us;
    time_index_.insert(t.start_min_us, slot);
  }
  t.start_max_us = std::max(t.start_max_us, info.start_us);
  t.duration_min_us = std::min(t.duration_min_us, info.duration_us);
  t.duration_max_us = std::max(t.duration_max_us, info.duration_us);
  max_spread_us_ = std::max(max_spread_us_, t.start_max_us - t.start_min_us);
  if (t.span_keys) t.span_keys->insert(span_key_hash(span.span_id, span.start_time_us));
  t.span_count++;

  result.stored = true;
  result.new_operation = operations_seen_.insert(op_key).second;
  return result;
}

bool TraceShard::evict(const model::TraceID& id) {
  std::unique_lock lock(mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return false;
  uint32_t slot = it->second;
  TraceRecord& t = records_[slot];
  ByteCursor c(t.blob.begin(), t.blob.end());
  while (!c.at_end()) release_span_record(c, dicts_);
  time_index_.erase(t.start_min_us, slot);
  by_id_.erase(it);
  t = TraceRecord{};
  free_slots_.push_back(slot);
  return true;
}

std::optional<model::Trace> TraceShard::get(const model::TraceID& id) const {
  std::shared_lock lock(mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  const TraceRecord& t = records_[it->second];
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
