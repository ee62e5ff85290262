// Embedded-store benchmark: fills an EmbeddedStore (RocksDB in a temporary directory) with "standard" spans
// (traces of 10 spans over 20 services and 50 operations, 13 tags and one two-field log each) from 2 writer
// threads, then measures find-traces (service; + operation; + rare tag; + user tag; + min duration) and
// get-trace latency, disk bytes per span after a full compaction, and the time to reopen. Default 200k spans;
// override with PEREGRINE_BENCH_SPANS.
#include <benchmark/benchmark.h>
#include <rocksdb/db.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "backend/storage/embedded/embedded_store.hpp"
#include "backend/storage/embedded/temp_directory.hpp"

namespace {

using peregrine::model::KeyValue;
using peregrine::model::Span;
using peregrine::model::SpanBatch;
using peregrine::model::TraceID;
using peregrine::storage::TraceQuery;
using peregrine::storage::embedded::EmbeddedOptions;
using peregrine::storage::embedded::EmbeddedStore;
using peregrine::storage::embedded::TempDirectory;

constexpr int kServices = 20;
constexpr int kOperations = 50;
constexpr int kSpansPerTrace = 10;
constexpr int64_t kWindowUs = 3600LL * 1000000;  // data spread over the last hour

size_t total_spans() {
  const char* env = std::getenv("PEREGRINE_BENCH_SPANS");
  return env ? static_cast<size_t>(std::strtoull(env, nullptr, 10)) : 200000;
}

int64_t now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

uint64_t directory_bytes(const std::filesystem::path& dir) {
  uint64_t total = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) total += e.file_size();
  }
  return total;
}

TraceID trace_id_of(uint64_t t) { return TraceID{0x5eed000000000000ULL ^ (t * 0x9E3779B97F4A7C15ULL), t + 1}; }

struct Fixture {
  TempDirectory scratch{"peregrine-embedded-bench-"};
  std::unique_ptr<EmbeddedStore> store;
  std::vector<peregrine::model::ProcessPtr> processes;
  size_t traces = 0;
  int64_t base_us = 0;
  double write_seconds = 0;
  double reopen_seconds = 0;
  double disk_bytes_per_span = 0;

  EmbeddedOptions options() const {
    EmbeddedOptions o;
    o.ephemeral = false;
    o.directory = scratch.path() / "db";
    o.maintenance_interval = std::chrono::nanoseconds(0);
    return o;
  }

  void append_trace(uint64_t t, SpanBatch& out) const {
    const TraceID id = trace_id_of(t);
    const int64_t start = base_us + static_cast<int64_t>(t) * kWindowUs / static_cast<int64_t>(traces);
    for (int i = 0; i < kSpansPerTrace; ++i) {
      Span s;
      s.trace_id = id;
      s.span_id = (t << 8) + static_cast<uint64_t>(i) + 1;
      if (i > 0) s.references.push_back({id, (t << 8) + static_cast<uint64_t>((i - 1) / 2) + 1, {}});
      s.operation_name = "operation-" + std::to_string((t * 7 + static_cast<uint64_t>(i)) % kOperations);
      s.flags = 1;
      s.start_time_us = start + i * 10;
      s.duration_us = 250 + i * 37 + static_cast<int64_t>(t % 7 == 0 ? 100000 : 0);
      s.process = processes[(t + static_cast<uint64_t>(i)) % kServices];
      s.tags = {
          KeyValue::String("http.method", i % 3 ? "GET" : "POST"),
          KeyValue::String("http.url", "https://api.example.com/v1/orders/" + std::to_string(t % 1000)),
          KeyValue::Int64("http.status_code", i == 7 && t % 50 == 0 ? 500 : 200),
          KeyValue::String("http.route", "/v1/orders/{id}"),
          KeyValue::String("net.peer.name", "orders-db.internal"),
          KeyValue::Int64("net.peer.port", 5432),
          KeyValue::String("component", "http"),
          KeyValue::String("user.id", "user-" + std::to_string(t % 5000)),
          KeyValue::Int64("request.size", static_cast<int64_t>(1000 + t % 100)),
          KeyValue::Bool("cache.hit", (t + static_cast<uint64_t>(i)) % 4 == 0),
          KeyValue::String("otel.scope.name", "bench-instrumentation"),
          KeyValue::String("otel.scope.version", "1.0.0"),
          KeyValue::String("span.kind", i % 2 == 0 ? "server" : "client"),
      };
      s.logs.push_back({s.start_time_us + 5,
                        {KeyValue::String("event", "cache lookup"),
                         KeyValue::String("cache.key", "orders:" + std::to_string(t % 1000))}});
      out.push_back(std::move(s));
    }
  }

  Fixture() {
    for (int s = 0; s < kServices; ++s) {
      auto p = std::make_shared<peregrine::model::Process>();
      p->service_name = "service-" + std::to_string(s);
      p->tags = {KeyValue::String("host.name", "node-" + std::to_string(s % 4))};
      processes.push_back(p);
    }
    traces = std::max<size_t>(1, total_spans() / kSpansPerTrace);
    base_us = now_us() - kWindowUs;
    store = std::make_unique<EmbeddedStore>(options());
    auto t0 = std::chrono::steady_clock::now();
    auto writer = [&](size_t first, size_t step) {
      SpanBatch batch;
      for (size_t t = first; t < traces; t += step) {
        append_trace(t, batch);
        if (batch.size() >= 500) {
          store->write_spans(batch);
          batch.clear();
        }
      }
      if (!batch.empty()) store->write_spans(batch);
    };
    std::thread a(writer, 0, 2), b(writer, 1, 2);
    a.join();
    b.join();
    write_seconds = seconds_since(t0);

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

void report_percentiles(benchmark::State& state, std::vector<double>& micros) {
  if (micros.empty()) return;
  std::sort(micros.begin(), micros.end());
  auto at = [&](double q) { return micros[std::min(micros.size() - 1, static_cast<size_t>(q * micros.size()))]; };
  state.counters["p50_us"] = at(0.50);
  state.counters["p99_us"] = at(0.99);
  state.counters["max_us"] = micros.back();
}

void BM_Fill2Writers(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(f.store.get());
  const double spans = static_cast<double>(f.traces * kSpansPerTrace);
  state.counters["spans"] = spans;
  state.counters["spans_per_s"] = spans / f.write_seconds;
  state.counters["disk_bytes_per_span"] = f.disk_bytes_per_span;
  state.counters["reopen_ms"] = f.reopen_seconds * 1000;
  std::printf("embedded store: %.0f spans by 2 threads in %.2f s (%.0f spans/s); %.1f B/span on disk after "
              "compaction; reopen %.1f ms\n",
              spans, f.write_seconds, spans / f.write_seconds, f.disk_bytes_per_span, f.reopen_seconds * 1000);
}
BENCHMARK(BM_Fill2Writers)->Iterations(1)->Unit(benchmark::kMillisecond);

// A service over the last hour, limit 20 (arg 0); + an operation (1); + a rare tag (2); + a user tag (3);
// + a min duration that only every 7th trace reaches (4).
void BM_FindTraces(benchmark::State& state) {
  Fixture& f = fixture();
  std::mt19937_64 rng(1);
  std::vector<double> micros;
  for (auto _ : state) {
    TraceQuery q;
    q.service = "service-" + std::to_string(rng() % kServices);
    q.start_time_max_us = now_us();
    q.start_time_min_us = q.start_time_max_us - kWindowUs;
    q.num_traces = 20;
    switch (state.range(0)) {
      case 1:
        q.operation = "operation-" + std::to_string(rng() % kOperations);
        break;
      case 2:
        q.tags["http.status_code"] = "500";
        break;
      case 3:
        q.tags["user.id"] = "user-" + std::to_string(rng() % 5000);
        break;
      case 4:
        q.duration_min_us = 100000;
        break;
      default:
        break;
    }
    const auto t0 = std::chrono::steady_clock::now();
    auto traces = f.store->find_traces(q);
    micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    benchmark::DoNotOptimize(traces.data());
  }
  report_percentiles(state, micros);
}
BENCHMARK(BM_FindTraces)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Arg(4)->Unit(benchmark::kMicrosecond);

void BM_GetTrace(benchmark::State& state) {
  Fixture& f = fixture();
  std::mt19937_64 rng(2);
  std::vector<double> micros;
  for (auto _ : state) {
    const TraceID id = trace_id_of(rng() % f.traces);
    const auto t0 = std::chrono::steady_clock::now();
    auto trace = f.store->get_trace(id);
    micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    if (!trace) state.SkipWithError("trace missing");
    benchmark::DoNotOptimize(trace);
  }
  report_percentiles(state, micros);
}
BENCHMARK(BM_GetTrace)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
