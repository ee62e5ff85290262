// Service dependency links from whole traces (pure): every span whose parent (its first CHILD_OF reference
// within the same trace) is a span of another service adds one call parent service → child service.
#pragma once
#include <vector>

#include "backend/model/dependency_link.hpp"
#include "backend/model/span.hpp"
#include "backend/storage/dependency_links.hpp"

namespace peregrine::storage::embedded {

class DependencyCounter {
 public:
  void add_trace(const std::vector<model::Span>& spans);
  // Sorted by (parent, child).
  std::vector<model::DependencyLink> links() const;

 private:
  ServiceCallCounts calls_;
};

}  // namespace peregrine::storage::embedded
