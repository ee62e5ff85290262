// dedupe_identical_spans: keeps the first of spans that are equal in every field (Jaeger hashes whole spans for
// this; storages without write dedupe — or archives written twice — return such copies).
#include <unordered_map>
#include <vector>

#include "backend/query/adjusters.hpp"

namespace peregrine::query {

namespace {

bool same_process(const model::ProcessPtr& a, const model::ProcessPtr& b) {
  if (a == b) return true;
  if (!a || !b) return false;
  return *a == *b;
}

bool same_span(const model::Span& a, const model::Span& b) {
  return a.trace_id == b.trace_id && a.span_id == b.span_id && a.start_time_us == b.start_time_us &&
         a.duration_us == b.duration_us && a.flags == b.flags && a.operation_name == b.operation_name &&
         a.references == b.references && a.tags == b.tags && a.logs == b.logs && a.warnings == b.warnings &&
         same_process(a.process, b.process);
}

}  // namespace

void dedupe_identical_spans(model::Trace& trace) {
  // Candidates for equality share (span id, start); only those are compared field by field.
  std::unordered_map<uint64_t, std::vector<size_t>> kept_by_key;
  std::vector<model::Span> kept;
  kept.reserve(trace.spans.size());
  for (auto& span : trace.spans) {
    uint64_t key = span.span_id * 0x9E3779B97F4A7C15ULL ^ static_cast<uint64_t>(span.start_time_us);
    auto& same_key = kept_by_key[key];
    bool duplicate = false;
    for (size_t i : same_key) {
      if (same_span(kept[i], span)) {
        duplicate = true;
        break;
      }
    }
    if (duplicate) continue;
    same_key.push_back(kept.size());
    kept.push_back(std::move(span));
  }
  trace.spans = std::move(kept);
}

}  // namespace peregrine::query
