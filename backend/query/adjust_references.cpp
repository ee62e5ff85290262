// Reference adjusters: remove_invalid_references (zero trace id → dropped, with a span warning) and
// parent_reference_first (the first same-trace CHILD_OF reference — else the first same-trace reference —
// swapped to the front, where Jaeger UI looks for the parent).
#include <string>
#include <utility>

#include "backend/query/adjusters.hpp"

namespace peregrine::query {

namespace {

// Go's %+v of Jaeger's SpanRef (generated protobuf bookkeeping fields left out).
std::string describe(const model::SpanRef& r) {
  return "{TraceID:" + r.trace_id.to_hex() + " SpanID:" + model::span_id_to_hex(r.span_id) +
         " RefType:" + (r.type == model::RefType::FollowsFrom ? "FOLLOWS_FROM" : "CHILD_OF") + "}";
}

}  // namespace

void remove_invalid_references(model::Trace& trace) {
  for (auto& span : trace.spans) {
    bool any_invalid = false;
    for (const auto& r : span.references) any_invalid = any_invalid || r.trace_id.is_zero();
    if (!any_invalid) continue;
    std::vector<model::SpanRef> valid;
    for (auto& r : span.references) {
      if (r.trace_id.is_zero()) {
        span.warnings.push_back("Invalid span reference removed " + describe(r));
      } else {
        valid.push_back(r);
      }
    }
    span.references = std::move(valid);
  }
}

void parent_reference_first(model::Trace& trace) {
  for (auto& span : trace.spans) {
    long first_child_of = -1;
    long first_other = -1;
    for (size_t i = 0; i < span.references.size(); ++i) {
      const auto& r = span.references[i];
      if (!(r.trace_id == span.trace_id)) continue;
      if (r.type == model::RefType::ChildOf) {
        first_child_of = static_cast<long>(i);
        break;
      }
      if (first_other == -1) first_other = static_cast<long>(i);
    }
    long swap = first_child_of != -1 ? first_child_of : first_other;
    if (swap > 0) std::swap(span.references[static_cast<size_t>(swap)], span.references[0]);
  }
}

}  // namespace peregrine::query
