// An edge in the service dependency graph: parent service called child service call_count times.
#pragma once
#include <cstdint>
#include <string>

namespace peregrine::model {

struct DependencyLink {
  std::string parent;
  std::string child;
  uint64_t call_count = 0;
  std::string source = "jaeger";
  bool operator==(const DependencyLink&) const = default;
};

}  // namespace peregrine::model
