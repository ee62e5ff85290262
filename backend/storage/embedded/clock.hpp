// The embedded store's notion of "now" (µs since the Unix epoch). Injected so tests can move time past the
// TTL without sleeping. Must be callable from any thread (RocksDB calls it from compaction threads).
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>

namespace peregrine::storage::embedded {

using Clock = std::function<int64_t()>;

inline int64_t system_now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace peregrine::storage::embedded
