// zipkin_span_id_uniquifier: Zipkin-style clients reuse one span id for the client and the server side of an
// RPC; the UI needs unique ids, so each such server span gets the next unused id, its parent becomes the
// shared id (the client span) and children pointing at the shared id through the server are re-pointed.
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "backend/query/adjusters.hpp"

namespace peregrine::query {

namespace {

constexpr const char* kTooManySpans = "cannot assign unique span ID, too many spans in the trace";

bool has_kind(const model::Span& s, const char* kind) {
  for (const auto& t : s.tags) {
    if (t.key == "span.kind" && t.type == model::ValueType::String && t.str == kind) return true;
  }
  return false;
}

// Jaeger's Span.ReplaceParentID: rewrite the reference to the current parent, or prepend a CHILD_OF one.
void replace_parent_id(model::Span& s, model::SpanID new_parent) {
  model::SpanID old_parent = s.parent_span_id();
  for (auto& r : s.references) {
    if (r.span_id == old_parent && r.trace_id == s.trace_id) {
      r.span_id = new_parent;
      return;
    }
  }
  if (new_parent == 0) return;
  for (const auto& r : s.references) {
    if (r.trace_id == s.trace_id && r.span_id == new_parent) return;
  }
  s.references.insert(s.references.begin(), model::SpanRef{s.trace_id, new_parent, model::RefType::ChildOf});
}

}  // namespace

void zipkin_span_id_uniquifier(model::Trace& trace) {
  std::unordered_map<model::SpanID, std::vector<size_t>> by_id;
  for (size_t i = 0; i < trace.spans.size(); ++i) by_id[trace.spans[i].span_id].push_back(i);

  auto shared_with_client = [&](model::SpanID id) {
    for (size_t i : by_id[id]) {
      if (has_kind(trace.spans[i], "client")) return true;
    }
    return false;
  };

  model::SpanID max_used = 0;
  std::unordered_map<model::SpanID, model::SpanID> old_to_new;
  for (auto& span : trace.spans) {
    if (!has_kind(span, "server") || !shared_with_client(span.span_id)) continue;
    model::SpanID fresh = 0;
    for (model::SpanID id = max_used + 1; id < std::numeric_limits<model::SpanID>::max(); ++id) {
      if (!by_id.count(id)) {
        fresh = id;
        break;
      }
    }
    if (fresh == 0) {
      span.warnings.emplace_back(kTooManySpans);
      continue;
    }
    max_used = fresh;
    old_to_new[span.span_id] = fresh;
    replace_parent_id(span, span.span_id);  // the previously shared id is the new parent
    span.span_id = fresh;
  }
  if (old_to_new.empty()) return;
  for (auto& span : trace.spans) {
    auto it = old_to_new.find(span.parent_span_id());
    if (it != old_to_new.end() && span.span_id != it->second) replace_parent_id(span, it->second);
  }
}

}  // namespace peregrine::query
