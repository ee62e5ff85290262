// Memory-store benchmark: fills a MemoryStore with 1M "standard" spans (traces of 10 spans over 20 services and 50
// operations; each span carries the 13 tags the OTLP receiver produces for the standard OTLP payload — 10
// attributes plus scope name/version and span.kind — and one event with two fields) from 2 writer threads, then
// measures find-traces and get-trace latency. Reports write throughput, RSS growth per stored span, and p50/p99
// latencies as counters. Override the size with PEREGRINE_BENCH_SPANS (e.g. 100000 for a quick run).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "backend/storage/memory/memory_store.hpp"
#include "bench/support/bench_environment.hpp"
#include "bench/support/reader_latency.hpp"
#include "bench/support/standard_spans.hpp"

namespace {

using peregrine::model::SpanBatch;
using peregrine::storage::memory::MemoryStore;
using namespace peregrine::bench;

struct Fixture {
  std::unique_ptr<MemoryStore> store;
  std::vector<peregrine::model::ProcessPtr> processes;
  size_t traces = 0;
  int64_t base_us = 0;
  double write_seconds = 0;
  double rss_per_span = 0;

  void append_trace(uint64_t t, SpanBatch& out) const {
    append_standard_trace(t, traces, base_us, processes, StandardTraceShape{}, out);
  }

  Fixture() {
    processes = standard_processes();
    traces = std::max<size_t>(1, total_spans(1000000) / kSpansPerTrace);
    base_us = now_us() - kWindowUs;
    store = std::make_unique<MemoryStore>();
    const double rss_before = rss_bytes();
    const auto t0 = std::chrono::steady_clock::now();
    fill_with_two_writers(*store, traces, 1000, [&](uint64_t t, SpanBatch& batch) { append_trace(t, batch); });
    write_seconds = seconds_since(t0);
    rss_per_span = (rss_bytes() - rss_before) / static_cast<double>(traces * kSpansPerTrace);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

// Filling the store (done once); reports throughput of 2 concurrent writers and RSS per stored span.
void BM_Fill2Writers(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(f.store.get());
  state.counters["spans"] = static_cast<double>(f.traces * kSpansPerTrace);
  state.counters["spans_per_s"] = static_cast<double>(f.traces * kSpansPerTrace) / f.write_seconds;
  state.counters["rss_bytes_per_span"] = f.rss_per_span;
  std::printf("memory store: %zu spans written by 2 threads in %.2f s (%.0f spans/s), RSS growth %.1f B/span\n",
              f.traces * kSpansPerTrace, f.write_seconds,
              static_cast<double>(f.traces * kSpansPerTrace) / f.write_seconds, f.rss_per_span);
}
BENCHMARK(BM_Fill2Writers)->Iterations(1)->Unit(benchmark::kMillisecond);

// Search like the UI: a service, the last hour, limit 20 (arg 0); + an operation (1); + a tag (2);
// + a rare tag/value so most candidates are rejected (3); minDuration (4).
void BM_FindTraces(benchmark::State& state) { measure_find_traces(state, *fixture().store, 500); }
BENCHMARK(BM_FindTraces)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Arg(4)->Unit(benchmark::kMicrosecond);

void BM_GetTrace(benchmark::State& state) { measure_get_trace(state, *fixture().store, fixture().traces); }
BENCHMARK(BM_GetTrace)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
