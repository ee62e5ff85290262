// Service dependency links from whole traces (pure): every span whose parent (its first CHILD_OF reference
// within the same trace) is a span of another service adds one call parent service → child service.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "backend/model/dependency_link.hpp"
#include "backend/model/span.hpp"

namespace peregrine::storage::embedded {

class DependencyCounter {
 public:
  void add_trace(const std::vector<model::Span>& spans);
  // Sorted by (parent, child).
  std::vector<model::DependencyLink> links() const;

 private:
  std::map<std::pair<std::string, std::string>, uint64_t> calls_;
};

}  // namespace peregrine::storage::embedded
