// Throughput helpers.
#include "backend/sampling/throughput.hpp"

#include <cstdio>

namespace peregrine::sampling {

std::string truncate_probability(double probability) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", probability);
  return buf;
}

}  // namespace peregrine::sampling
