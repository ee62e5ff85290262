// Benchmark helper: the read-latency loops shared by the store benchmarks — standard find-traces searches and
// get-trace lookups against any SpanReader, each call timed and reported as p50 / p99 / max.
#pragma once
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "backend/storage/span_reader.hpp"
#include "bench/support/bench_environment.hpp"
#include "bench/support/latency_percentiles.hpp"
#include "bench/support/standard_spans.hpp"

namespace peregrine::bench {

// One standard_find_query per iteration (variant state.range(0), same random sequence on every run).
inline void measure_find_traces(benchmark::State& state, storage::SpanReader& reader, int64_t min_duration_us) {
  std::mt19937_64 rng(1);
  std::vector<double> micros;
  for (auto _ : state) {
    const storage::TraceQuery q = standard_find_query(rng, state.range(0), now_us(), min_duration_us);
    const auto t0 = std::chrono::steady_clock::now();
    auto traces = reader.find_traces(q);
    micros.push_back(micros_since(t0));
    benchmark::DoNotOptimize(traces.data());
  }
  report_percentiles(state, micros);
}

// One get_trace per iteration of a random trace among the first `traces` standard traces.
inline void measure_get_trace(benchmark::State& state, storage::SpanReader& reader, size_t traces) {
  std::mt19937_64 rng(2);
  std::vector<double> micros;
  for (auto _ : state) {
    const model::TraceID id = trace_id_of(rng() % traces);
    const auto t0 = std::chrono::steady_clock::now();
    auto trace = reader.get_trace(id);
    micros.push_back(micros_since(t0));
    if (!trace) state.SkipWithError("trace missing");
    benchmark::DoNotOptimize(trace);
  }
  report_percentiles(state, micros);
}

}  // namespace peregrine::bench
