// Span helper methods.
#include "backend/model/span.hpp"

namespace peregrine::model {

SpanID Span::parent_span_id() const {
  for (const auto& r : references) {
    if (r.type == RefType::ChildOf && r.trace_id == trace_id) return r.span_id;
  }
  return 0;
}

std::string Span::span_kind() const {
  for (const auto& t : tags) {
    if (t.key == "span.kind" && t.type == ValueType::String) return t.str;
  }
  return {};
}

}  // namespace peregrine::model
