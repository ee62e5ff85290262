// DependencyCounter implementation.
#include "backend/storage/embedded/dependency_links.hpp"

#include <unordered_map>

#include "backend/storage/embedded/span_rows.hpp"

namespace peregrine::storage::embedded {

void DependencyCounter::add_trace(const std::vector<model::Span>& spans) {
  std::unordered_map<model::SpanID, const model::Span*> by_id;
  by_id.reserve(spans.size());
  for (const auto& s : spans) by_id.emplace(s.span_id, &s);  // the first span with an id wins
  for (const auto& s : spans) {
    model::SpanID parent_id = s.parent_span_id();
    if (parent_id == 0) continue;
    auto it = by_id.find(parent_id);
    if (it == by_id.end()) continue;
    const std::string& parent = service_of(*it->second);
    const std::string& child = service_of(s);
    if (parent != child) calls_[{parent, child}]++;
  }
}

std::vector<model::DependencyLink> DependencyCounter::links() const { return dependency_links(calls_); }

}  // namespace peregrine::storage::embedded
