// Known traces for the gRPC query tests (the GoogleTest suite and the fixture server the node interop test
// calls): written into a MemoryStore, then served through QueryService → QueryGrpcServer.
//   trace 0x…a1 "checkout": frontend "GET /checkout" (server) → backend "SELECT" (client, db.system=postgres);
//                           the root's tags are stored unsorted (zeta, alpha) so adjusted and raw answers differ
//   trace 0x…a2 "about":    frontend "GET /about" (server), error=true, 128-bit id (high 0xfeed)
//   trace 0x…b1 "big":      kBigTraceSpans spans of service "bulk", one root and its children
// All start around kBaseUs (2023-11-14T22:13:20Z).
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "backend/model/span.hpp"
#include "backend/storage/memory/memory_store.hpp"

namespace peregrine::query::testing {

constexpr int64_t kBaseUs = 1'700'000'000'000'000;
constexpr size_t kBigTraceSpans = 10'000;

inline const model::TraceID kCheckoutTrace{0, 0xa1};
inline const model::TraceID kAboutTrace{0xfeed, 0xa2};
inline const model::TraceID kBigTrace{0, 0xb1};

inline model::ProcessPtr make_process(std::string service, model::KeyValues tags = {}) {
  auto p = std::make_shared<model::Process>();
  p->service_name = std::move(service);
  p->tags = std::move(tags);
  return p;
}

inline model::Span make_span(const model::TraceID& trace, uint64_t id, uint64_t parent, model::ProcessPtr process,
                             std::string operation, int64_t start_us, int64_t duration_us, std::string kind) {
  model::Span s;
  s.trace_id = trace;
  s.span_id = id;
  if (parent != 0) s.references.push_back(model::SpanRef{trace, parent, model::RefType::ChildOf});
  s.process = std::move(process);
  s.operation_name = std::move(operation);
  s.start_time_us = start_us;
  s.duration_us = duration_us;
  if (!kind.empty()) s.tags.push_back(model::KeyValue::String("span.kind", kind));
  return s;
}

inline void write_known_traces(storage::memory::MemoryStore& store) {
  auto frontend = make_process("frontend", {model::KeyValue::String("hostname", "fe-1")});
  auto backend = make_process("backend", {model::KeyValue::String("hostname", "be-1")});
  auto bulk = make_process("bulk");

  model::SpanBatch batch;
  batch.push_back(make_span(kCheckoutTrace, 1, 0, frontend, "GET /checkout", kBaseUs, 5000, "server"));
  batch.back().tags.push_back(model::KeyValue::String("zeta", "last"));
  batch.back().tags.push_back(model::KeyValue::String("alpha", "first"));
  batch.push_back(make_span(kCheckoutTrace, 2, 1, backend, "SELECT", kBaseUs + 1000, 1200, "client"));
  batch.back().tags.push_back(model::KeyValue::String("db.system", "postgres"));

  batch.push_back(make_span(kAboutTrace, 1, 0, frontend, "GET /about", kBaseUs + 60'000'000, 800, "server"));
  batch.back().tags.push_back(model::KeyValue::Bool("error", true));
  store.write_spans(batch);

  model::SpanBatch big;
  big.reserve(kBigTraceSpans);
  big.push_back(make_span(kBigTrace, 1, 0, bulk, "root", kBaseUs - 60'000'000, 2'000'000, "server"));
  for (uint64_t i = 2; i <= kBigTraceSpans; ++i) {
    big.push_back(make_span(kBigTrace, i, 1, bulk, "work-" + std::to_string(i % 7),
                            kBaseUs - 60'000'000 + static_cast<int64_t>(i), 100, "internal"));
    big.back().tags.push_back(model::KeyValue::Int64("item", static_cast<int64_t>(i)));
  }
  store.write_spans(big);
}

}  // namespace peregrine::query::testing
