// Benchmark helper: the "standard" span workload of the store benchmarks — traces of 10 spans over 20 services
// and 50 operations, each span with the 13 tags the OTLP receiver produces for the standard OTLP payload (10
// attributes plus scope name/version and span.kind) and one event with two fields — and the UI-like searches
// run against it.
#pragma once
#include <cstdint>
#include <memory>
#include <random>
#include <functional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "backend/model/span.hpp"
#include "backend/storage/span_reader.hpp"
#include "backend/storage/span_writer.hpp"

namespace peregrine::bench {

constexpr int kServices = 20;
constexpr int kOperations = 50;
constexpr int kSpansPerTrace = 10;
constexpr int64_t kWindowUs = 3600LL * 1000000;  // data spread over one hour

// A well-spread trace id for trace number t.
inline model::TraceID trace_id_of(uint64_t t) {
  return model::TraceID{0x5eed000000000000ULL ^ (t * 0x9E3779B97F4A7C15ULL), t + 1};
}

// service-0 .. service-19, each with a host.name tag.
inline std::vector<model::ProcessPtr> standard_processes() {
  std::vector<model::ProcessPtr> out;
  for (int s = 0; s < kServices; ++s) {
    auto p = std::make_shared<model::Process>();
    p->service_name = "service-" + std::to_string(s);
    p->tags = {model::KeyValue::String("host.name", "node-" + std::to_string(s % 4))};
    out.push_back(std::move(p));
  }
  return out;
}

struct StandardTraceShape {
  uint64_t slow_trace_every = 0;   // every n-th trace gets 100 ms longer spans (0 = none)
  uint64_t error_trace_every = 1;  // span 7 of every n-th trace has http.status_code 500
};

// Appends trace t of `traces`, its start spread evenly over [base_us, base_us + kWindowUs).
inline void append_standard_trace(uint64_t t, size_t traces, int64_t base_us,
                                  const std::vector<model::ProcessPtr>& processes, const StandardTraceShape& shape,
                                  model::SpanBatch& out) {
  using model::KeyValue;
  const model::TraceID id = trace_id_of(t);
  const int64_t start = base_us + static_cast<int64_t>(t) * kWindowUs / static_cast<int64_t>(traces);
  const bool slow = shape.slow_trace_every != 0 && t % shape.slow_trace_every == 0;
  const bool error = shape.error_trace_every != 0 && t % shape.error_trace_every == 0;
  for (int i = 0; i < kSpansPerTrace; ++i) {
    model::Span s;
    s.trace_id = id;
    s.span_id = (t << 8) + static_cast<uint64_t>(i) + 1;
    if (i > 0) s.references.push_back({id, (t << 8) + static_cast<uint64_t>((i - 1) / 2) + 1, {}});
    s.operation_name = "operation-" + std::to_string((t * 7 + static_cast<uint64_t>(i)) % kOperations);
    s.flags = 1;
    s.start_time_us = start + i * 10;
    s.duration_us = 250 + i * 37 + (slow ? 100000 : 0);
    s.process = processes[(t + static_cast<uint64_t>(i)) % processes.size()];
    s.tags = {
        KeyValue::String("http.method", i % 3 ? "GET" : "POST"),
        KeyValue::String("http.url", "https://api.example.com/v1/orders/" + std::to_string(t % 1000)),
        KeyValue::Int64("http.status_code", i == 7 && error ? 500 : 200),
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

// A UI-like search ending at now_us: a random service over the last hour, limit 20 (variant 0); + an operation
// (1); + http.status_code=500 (2); + a user.id (3); + duration >= min_duration_us (4).
inline storage::TraceQuery standard_find_query(std::mt19937_64& rng, int64_t variant, int64_t now_us,
                                               int64_t min_duration_us) {
  storage::TraceQuery q;
  q.service = "service-" + std::to_string(rng() % kServices);
  q.start_time_max_us = now_us;
  q.start_time_min_us = now_us - kWindowUs;
  q.num_traces = 20;
  switch (variant) {
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
      q.duration_min_us = min_duration_us;
      break;
    default:
      break;
  }
  return q;
}

// Writes traces 0..traces-1 (built by append(t, batch)) into `writer` from two threads, interleaved, in batches of
// about `batch_spans` — the store benchmarks' fill phase.
inline void fill_with_two_writers(storage::SpanWriter& writer, size_t traces, size_t batch_spans,
                                  const std::function<void(uint64_t, model::SpanBatch&)>& append) {
  auto run = [&](size_t first, size_t step) {
    model::SpanBatch batch;
    for (size_t t = first; t < traces; t += step) {
      append(t, batch);
      if (batch.size() >= batch_spans) {
        writer.write_spans(batch);
        batch.clear();
      }
    }
    if (!batch.empty()) writer.write_spans(batch);
  };
  std::thread a(run, 0, 2), b(run, 1, 2);
  a.join();
  b.join();
}

}  // namespace peregrine::bench
