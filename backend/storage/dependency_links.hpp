// Service dependency links shared by the span stores (pure): calls counted per (parent service, child service)
// pair — a span whose CHILD_OF parent belongs to another service counts one call — turned into Jaeger's
// DependencyLink list.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "backend/model/dependency_link.hpp"

namespace peregrine::storage {

// Calls keyed by (parent service, child service).
using ServiceCallCounts = std::map<std::pair<std::string, std::string>, uint64_t>;

// One link per counted pair, sorted by (parent, child).
inline std::vector<model::DependencyLink> dependency_links(const ServiceCallCounts& calls) {
  std::vector<model::DependencyLink> out;
  out.reserve(calls.size());
  for (const auto& [services, count] : calls) {
    model::DependencyLink link;
    link.parent = services.first;
    link.child = services.second;
    link.call_count = count;
    out.push_back(std::move(link));
  }
  return out;
}

}  // namespace peregrine::storage
