// Benchmark helper: the process-level inputs and readings the store benchmarks share — the span count
// (PEREGRINE_BENCH_SPANS), wall-clock now, elapsed seconds and resident memory.
#pragma once
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace peregrine::bench {

// PEREGRINE_BENCH_SPANS when set, else default_spans.
inline size_t total_spans(size_t default_spans) {
  const char* env = std::getenv("PEREGRINE_BENCH_SPANS");
  return env ? static_cast<size_t>(std::strtoull(env, nullptr, 10)) : default_spans;
}

inline int64_t now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Resident set size in bytes from /proc/self/statm (0 when unreadable).
inline double rss_bytes() {
  long pages = 0, resident = 0;
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
  std::fclose(f);
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE));
}

}  // namespace peregrine::bench
