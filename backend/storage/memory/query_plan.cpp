// QueryPlan construction and candidate verification against encoded spans.
#include "backend/storage/memory/query_plan.hpp"

#include <charconv>
#include <cstring>
#include <limits>

namespace peregrine::storage::memory {

namespace {

// The int64 whose decimal rendering is exactly `s` ("007" or "+7" render differently, so they do not count).
std::optional<int64_t> exact_int(const std::string& s) {
  int64_t v = 0;
  auto res = std::from_chars(s.data(), s.data() + s.size(), v);
  if (res.ec != std::errc() || res.ptr != s.data() + s.size()) return std::nullopt;
  char buf[24];
  auto out = std::to_chars(buf, buf + sizeof buf, v);
  if (std::string_view(buf, static_cast<size_t>(out.ptr - buf)) != s) return std::nullopt;
  return v;
}

bool hex_equals(std::string_view bytes, const std::string& hex) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (hex.size() != bytes.size() * 2) return false;
  for (size_t i = 0; i < bytes.size(); ++i) {
    auto c = static_cast<unsigned char>(bytes[i]);
    if (hex[2 * i] != kHex[c >> 4] || hex[2 * i + 1] != kHex[c & 0xF]) return false;
  }
  return true;
}

bool float_renders_as(uint64_t bits, const std::string& s) {
  model::KeyValue kv;
  kv.type = model::ValueType::Float64;
  std::memcpy(&kv.d, &bits, sizeof kv.d);
  return kv.value_as_string() == s;
}

bool kv_matches(const model::KeyValues& kvs, const std::string& key, const std::string& value) {
  for (const auto& kv : kvs) {
    if (kv.key == key && kv.value_as_string() == value) return true;
  }
  return false;
}

}  // namespace

bool TagMatcher::matches(const EncodedTag& t) const {
  switch (t.code) {
    case kInternedString:
      return value_id != SymbolTable::kNone && t.number == value_id;
    case kInlineString:
      return t.bytes == value;
    case kFalse:
      return as_bool.has_value() && !*as_bool;
    case kTrue:
      return as_bool.has_value() && *as_bool;
    case kInt64:
      return as_int.has_value() && static_cast<int64_t>(t.number) == *as_int;
    case kFloat64:
      return float_renders_as(t.number, value);
    case kBinary:
      return hex_equals(t.bytes, value);
    default:
      return false;
  }
}

QueryPlan make_query_plan(const TraceQuery& q, const ShardDictionaries& d) {
  QueryPlan plan;
  plan.start_min_us = q.start_time_min_us != 0 ? q.start_time_min_us : std::numeric_limits<int64_t>::min();
  plan.start_max_us = q.start_time_max_us != 0 ? q.start_time_max_us : std::numeric_limits<int64_t>::max();
  plan.duration_min_us = q.duration_min_us;
  plan.duration_max_us = q.duration_max_us;

  if (!q.service.empty()) plan.required.add(service_term(string_hash(q.service)));
  if (!q.operation.empty()) {
    plan.any_operation = false;
    uint64_t h = string_hash(q.operation);
    plan.operation = d.names.find(q.operation, h);
    plan.required.add(operation_term(h));
    if (plan.operation == SymbolTable::kNone) plan.impossible = true;
  }

  const size_t slots = d.processes.slots();
  plan.process_ok.assign(slots, 0);
  plan.process_tag_mask.assign(slots, 0);
  bool any_process = false;
  for (size_t p = 0; p < slots; ++p) {
    if (!d.processes.live(static_cast<uint32_t>(p))) continue;
    const model::Process& proc = *d.processes.at(static_cast<uint32_t>(p)).process;
    if (!q.service.empty() && proc.service_name != q.service) continue;
    plan.process_ok[p] = 1;
    any_process = true;
  }
  if (!any_process) plan.impossible = true;

  size_t i = 0;
  for (const auto& [key, value] : q.tags) {
    TagMatcher m;
    m.value = value;
    m.key_id = d.names.find(key);
    uint64_t value_hash = string_hash(value);
    m.value_id = d.values.find(value, value_hash);
    m.as_int = exact_int(value);
    if (value == "true") m.as_bool = true;
    if (value == "false") m.as_bool = false;
    plan.required.add(tag_term(string_hash(key), value_hash));
    bool satisfiable = m.key_id != SymbolTable::kNone;
    for (size_t p = 0; p < slots; ++p) {
      if (!plan.process_ok[p]) continue;
      if (kv_matches(d.processes.at(static_cast<uint32_t>(p)).process->tags, key, value)) {
        plan.process_tag_mask[p] |= 1ULL << i;
        satisfiable = true;
      }
    }
    if (!satisfiable) plan.impossible = true;
    plan.all_tags |= 1ULL << i;
    plan.tags.push_back(std::move(m));
    ++i;
  }
  return plan;
}

bool summary_may_match(const QueryPlan& plan, const TraceRecord& t) {
  if (t.start_max_us < plan.start_min_us || t.start_min_us > plan.start_max_us) return false;
  if (plan.duration_min_us != 0 && t.duration_max_us < plan.duration_min_us) return false;
  if (plan.duration_max_us != 0 && t.duration_min_us > plan.duration_max_us) return false;
  return t.terms.covers(plan.required);
}

namespace {

void match_tags(const QueryPlan& plan, const EncodedTag& t, uint64_t& mask) {
  for (size_t j = 0; j < plan.tags.size(); ++j) {
    const TagMatcher& m = plan.tags[j];
    if (m.key_id == t.key && !(mask & (1ULL << j)) && m.matches(t)) mask |= 1ULL << j;
  }
}

}  // namespace

bool trace_matches(const QueryPlan& plan, const TraceRecord& trace) {
  ByteCursor c(trace.blob.begin(), trace.blob.end());
  while (!c.at_end()) {
    SpanHeader h = read_span_header(c, trace.base_start_us);
    bool candidate = plan.process_ok[h.process] && (plan.any_operation || h.operation == plan.operation) &&
                     h.start_us >= plan.start_min_us && h.start_us <= plan.start_max_us &&
                     (plan.duration_min_us == 0 || h.duration_us >= plan.duration_min_us) &&
                     (plan.duration_max_us == 0 || h.duration_us <= plan.duration_max_us);
    if (!candidate) {
      c.jump(h.record_end);
      continue;
    }
    uint64_t mask = plan.process_tag_mask[h.process];
    if (mask == plan.all_tags) return true;
    size_t n = static_cast<size_t>(c.varint());
    for (size_t i = 0; i < n; ++i) read_reference(c);
    n = static_cast<size_t>(c.varint());
    for (size_t i = 0; i < n; ++i) match_tags(plan, read_tag(c), mask);
    if (mask == plan.all_tags) return true;
    n = static_cast<size_t>(c.varint());
    for (size_t i = 0; i < n; ++i) {
      c.signed_varint();
      size_t fields = static_cast<size_t>(c.varint());
      for (size_t f = 0; f < fields; ++f) match_tags(plan, read_tag(c), mask);
    }
    if (mask == plan.all_tags) return true;
    c.jump(h.record_end);
  }
  return false;
}

bool span_matches(const TraceQuery& q, const model::Span& span) {
  if (!q.service.empty() && (!span.process || span.process->service_name != q.service)) return false;
  if (!q.operation.empty() && span.operation_name != q.operation) return false;
  if (q.start_time_min_us != 0 && span.start_time_us < q.start_time_min_us) return false;
  if (q.start_time_max_us != 0 && span.start_time_us > q.start_time_max_us) return false;
  if (q.duration_min_us != 0 && span.duration_us < q.duration_min_us) return false;
  if (q.duration_max_us != 0 && span.duration_us > q.duration_max_us) return false;
  for (const auto& [key, value] : q.tags) {
    bool found = kv_matches(span.tags, key, value) || (span.process && kv_matches(span.process->tags, key, value));
    for (size_t i = 0; !found && i < span.logs.size(); ++i) found = kv_matches(span.logs[i].fields, key, value);
    if (!found) return false;
  }
  return true;
}

}  // namespace peregrine::storage::memory
