// What the query API handlers share besides the QueryService: a clock (injectable so tests are deterministic).
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>

namespace peregrine::query {

using ClockUs = std::function<int64_t()>;  // µs since the Unix epoch

inline int64_t system_now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace peregrine::query
