// Embedded-store benchmark: fills an EmbeddedStore (RocksDB in a temporary directory) with "standard" spans
// (traces of 10 spans over 20 services and 50 operations, 13 tags and one two-field log each) from 2 writer
// threads — timing it and counting the process's CPU time (writers plus RocksDB's background threads) — then
// measures find-traces (service; + operation; + tag http.status_code=500; + a rare user.id tag; + min duration)
// and get-trace latency, disk bytes per span after a full compaction, and the time to reopen. Default 200k spans;
// override with PEREGRINE_BENCH_SPANS.
#include <benchmark/benchmark.h>
#include <rocksdb/db.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "backend/storage/embedded/embedded_store.hpp"
#include "backend/storage/embedded/temp_directory.hpp"
#include "bench/support/bench_environment.hpp"
#include "bench/support/reader_latency.hpp"
#include "bench/support/standard_spans.hpp"

namespace {

using peregrine::model::SpanBatch;
using peregrine::storage::embedded::EmbeddedOptions;
using peregrine::storage::embedded::EmbeddedStore;
using peregrine::storage::embedded::TempDirectory;
using namespace peregrine::bench;

// CPU seconds (user + system) of the whole process so far: writer threads and RocksDB's background threads.
double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

uint64_t directory_bytes(const std::filesystem::path& dir) {
  uint64_t total = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) total += e.file_size();
  }
  return total;
}

struct Fixture {
  TempDirectory scratch{"peregrine-embedded-bench-"};
  std::unique_ptr<EmbeddedStore> store;
  std::vector<peregrine::model::ProcessPtr> processes;
  size_t traces = 0;
  int64_t base_us = 0;
  double write_seconds = 0;
  double write_cpu_seconds = 0;
  double reopen_seconds = 0;
  double disk_bytes_per_span = 0;

  EmbeddedOptions options() const {
    EmbeddedOptions o;
    o.ephemeral = false;
    o.directory = scratch.path() / "db";
    o.maintenance_interval = std::chrono::nanoseconds(0);
    return o;
  }

  // Every 7th trace is slow (for the min-duration search); span 7 of every 50th trace fails (a rare tag).
  void append_trace(uint64_t t, SpanBatch& out) const {
    const StandardTraceShape shape{.slow_trace_every = 7, .error_trace_every = 50};
    append_standard_trace(t, traces, base_us, processes, shape, out);
  }

  Fixture() {
    processes = standard_processes();
    traces = std::max<size_t>(1, total_spans(200000) / kSpansPerTrace);
    base_us = now_us() - kWindowUs;
    store = std::make_unique<EmbeddedStore>(options());
    auto t0 = std::chrono::steady_clock::now();
    const double cpu0 = process_cpu_seconds();
    fill_with_two_writers(*store, traces, 500, [&](uint64_t t, SpanBatch& batch) { append_trace(t, batch); });
    write_seconds = seconds_since(t0);
    write_cpu_seconds = process_cpu_seconds() - cpu0;

    rocksdb::CompactRangeOptions full;
    store->database().CompactRange(full, nullptr, nullptr);
    disk_bytes_per_span = static_cast<double>(directory_bytes(store->directory())) /
                          static_cast<double>(traces * kSpansPerTrace);
    store.reset();
    t0 = std::chrono::steady_clock::now();
    store = std::make_unique<EmbeddedStore>(options());
    reopen_seconds = seconds_since(t0);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_Fill2Writers(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(f.store.get());
  const double spans = static_cast<double>(f.traces * kSpansPerTrace);
  state.counters["spans"] = spans;
  state.counters["spans_per_s"] = spans / f.write_seconds;
  state.counters["cpu_us_per_span"] = f.write_cpu_seconds * 1e6 / spans;
  state.counters["disk_bytes_per_span"] = f.disk_bytes_per_span;
  state.counters["reopen_ms"] = f.reopen_seconds * 1000;
  std::printf("embedded store: %.0f spans by 2 threads in %.2f s (%.0f spans/s, %.1f us CPU/span incl. RocksDB "
              "background work); %.1f B/span on disk after compaction; reopen %.1f ms\n",
              spans, f.write_seconds, spans / f.write_seconds, f.write_cpu_seconds * 1e6 / spans,
              f.disk_bytes_per_span, f.reopen_seconds * 1000);
}
BENCHMARK(BM_Fill2Writers)->Iterations(1)->Unit(benchmark::kMillisecond);

// A service over the last hour, limit 20 (arg 0); + an operation (1); + http.status_code=500, in 1 trace of 50
// (2); + a user.id, in 1 trace of 5000 (3); + a min duration that only every 7th trace reaches (4).
void BM_FindTraces(benchmark::State& state) { measure_find_traces(state, *fixture().store, 100000); }
BENCHMARK(BM_FindTraces)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Arg(4)->Unit(benchmark::kMicrosecond);

void BM_GetTrace(benchmark::State& state) { measure_get_trace(state, *fixture().store, fixture().traces); }
BENCHMARK(BM_GetTrace)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
