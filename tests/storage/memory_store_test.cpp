// MemoryStore behaviour: lossless round trips, dedupe of retried writes, search semantics (one span must satisfy
// every criterion; tags match span tags, process tags and log fields as strings; time and duration bounds;
// newest first with the limit applied after sorting), eviction order, catalog after eviction, dependencies.
#include "backend/storage/memory/memory_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "tests/storage/span_builder.hpp"
#include "tests/support/span_assertions.hpp"
#include "tests/support/trace_queries.hpp"

namespace peregrine::storage::memory {
namespace {

using testing::make_process;
using testing::SpanBuilder;
using test_support::expect_same_span;
using test_support::lows;
using test_support::query_for;

constexpr int64_t kT0 = 1'500'000'000'000'000;  // 2017-07-14, old timestamps must be accepted

TEST(MemoryStoreTest, RoundTripsEveryField) {
  MemoryStore store;
  auto proc = make_process("frontend", {model::KeyValue::String("hostname", "h1"), model::KeyValue::Int64("ip", 42)});
  model::Span s = SpanBuilder(7, 100, proc)
                      .trace_high(0xabc)
                      .op("GET /x")
                      .start(kT0 + 123)
                      .duration(4567)
                      .flags(3)
                      .parent(99)
                      .ref(model::SpanRef{model::TraceID{1, 2}, 5, model::RefType::FollowsFrom})
                      .tag("http.method", "GET")
                      .tag(model::KeyValue::Int64("http.status_code", -200))
                      .tag(model::KeyValue::Int64("big", INT64_MAX))
                      .tag(model::KeyValue::Bool("error", true))
                      .tag(model::KeyValue::Bool("cached", false))
                      .tag(model::KeyValue::Float64("ratio", 0.25))
                      .tag(model::KeyValue::Binary("blob", std::string("\x00\x01\xff", 3)))
                      .tag("empty", "")
                      .log(kT0 + 100, {model::KeyValue::String("event", "retry"), model::KeyValue::Int64("n", 2)})
                      .log(kT0 + 200, {})
                      .warning("clock skew");
  store.write_spans({s});
  auto t = store.get_trace(s.trace_id);
  ASSERT_TRUE(t.has_value());
  ASSERT_EQ(t->spans.size(), 1u);
  expect_same_span(t->spans[0], s);
  EXPECT_FALSE(store.get_trace(model::TraceID{0, 7}).has_value());
}

TEST(MemoryStoreTest, ManyDistinctValuesRoundTrip) {
  MemoryStore store;
  auto proc = make_process("svc");
  std::vector<model::Span> spans;
  for (uint64_t i = 1; i <= 500; ++i) {
    spans.push_back(SpanBuilder(i, i, proc)
                        .start(kT0 + static_cast<int64_t>(i))
                        .tag("request.id", "req-" + std::to_string(i))
                        .tag("http.method", i % 2 ? "GET" : "POST")
                        .tag("long", std::string(200, static_cast<char>('a' + i % 26))));
  }
  store.write_spans(spans);
  for (const auto& s : spans) {
    auto t = store.get_trace(s.trace_id);
    ASSERT_TRUE(t.has_value());
    expect_same_span(t->spans.at(0), s);
  }
}

TEST(MemoryStoreTest, RetriedWritesAreDeduplicated) {
  MemoryStore store;
  auto proc = make_process("svc");
  model::SpanBatch batch = {SpanBuilder(1, 1, proc).start(kT0), SpanBuilder(1, 2, proc).start(kT0 + 5).parent(1)};
  store.write_spans(batch);
  store.write_spans(batch);  // retry of the whole batch
  auto t = store.get_trace(model::TraceID{0, 1});
  ASSERT_TRUE(t);
  EXPECT_EQ(t->spans.size(), 2u);
  // Same span id with a different start time is a different span (e.g. Zipkin shared client/server id).
  store.write_spans({SpanBuilder(1, 1, proc).start(kT0 + 1)});
  EXPECT_EQ(store.get_trace(model::TraceID{0, 1})->spans.size(), 3u);
}

TEST(MemoryStoreTest, LargeTraceDedupe) {
  MemoryStore store;
  auto proc = make_process("svc");
  model::SpanBatch batch;
  for (uint64_t i = 1; i <= 200; ++i) batch.push_back(SpanBuilder(9, i, proc).start(kT0 + static_cast<int64_t>(i)));
  store.write_spans(batch);
  store.write_spans(batch);
  store.write_spans({SpanBuilder(9, 500, proc).start(kT0)});
  EXPECT_EQ(store.get_trace(model::TraceID{0, 9})->spans.size(), 201u);
}

TEST(MemoryStoreTest, OneSpanMustSatisfyEveryCriterion) {
  MemoryStore store;
  auto proc = make_process("svc");
  store.write_spans({SpanBuilder(1, 1, proc).op("x").tag("k", "v"), SpanBuilder(1, 2, proc).op("y")});
  TraceQuery q = query_for("svc");
  q.operation = "y";
  q.tags = {{"k", "v"}};
  EXPECT_TRUE(store.find_traces(q).empty());
  q.operation = "x";
  EXPECT_EQ(store.find_traces(q).size(), 1u);
  q.operation.clear();
  q.tags = {{"k", "v"}, {"other", "1"}};
  EXPECT_TRUE(store.find_traces(q).empty());
}

TEST(MemoryStoreTest, ServiceAndOperationFilters) {
  MemoryStore store;
  store.write_spans({SpanBuilder(1, 1, make_process("a")).op("x"), SpanBuilder(2, 1, make_process("b")).op("x"),
                     SpanBuilder(3, 1, make_process("a")).op("y")});
  EXPECT_EQ(lows(store.find_trace_ids(query_for("a"))).size(), 2u);
  TraceQuery q = query_for("a");
  q.operation = "x";
  EXPECT_EQ(lows(store.find_trace_ids(q)), std::vector<uint64_t>{1});
  EXPECT_TRUE(store.find_trace_ids(query_for("nope")).empty());
  q.operation = "missing";
  EXPECT_TRUE(store.find_trace_ids(q).empty());
}

TEST(MemoryStoreTest, TagsMatchSpanTagsProcessTagsAndLogFieldsAsStrings) {
  MemoryStore store;
  auto proc = make_process("svc", {model::KeyValue::String("region", "eu"), model::KeyValue::Int64("pid", 77)});
  store.write_spans({
      SpanBuilder(1, 1, proc).tag(model::KeyValue::Int64("http.status_code", 200)),
      SpanBuilder(2, 1, proc).tag(model::KeyValue::Bool("error", true)),
      SpanBuilder(3, 1, proc).log(kT0, {model::KeyValue::String("event", "cache miss")}),
      SpanBuilder(4, 1, proc).tag(model::KeyValue::Float64("ratio", 1.5)),
      SpanBuilder(5, 1, proc).tag(model::KeyValue::Binary("raw", std::string("\x0a\xff", 2))),
      SpanBuilder(6, 1, make_process("svc")).tag("plain", "x"),
  });
  auto find = [&](std::map<std::string, std::string> tags) {
    TraceQuery q = query_for("svc");
    q.tags = std::move(tags);
    auto ids = lows(store.find_trace_ids(q));
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  EXPECT_EQ(find({{"http.status_code", "200"}}), std::vector<uint64_t>{1});
  EXPECT_TRUE(find({{"http.status_code", "0200"}}).empty());
  EXPECT_EQ(find({{"error", "true"}}), std::vector<uint64_t>{2});
  EXPECT_EQ(find({{"event", "cache miss"}}), std::vector<uint64_t>{3});
  EXPECT_EQ(find({{"ratio", "1.5"}}), std::vector<uint64_t>{4});
  EXPECT_EQ(find({{"raw", "0aff"}}), std::vector<uint64_t>{5});
  EXPECT_EQ(find({{"region", "eu"}}), (std::vector<uint64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(find({{"pid", "77"}, {"error", "true"}}), std::vector<uint64_t>{2});
  EXPECT_TRUE(find({{"region", "us"}}).empty());
}

TEST(MemoryStoreTest, DurationAndTimeBounds) {
  MemoryStore store;
  auto proc = make_process("svc");
  store.write_spans({SpanBuilder(1, 1, proc).start(kT0).duration(100),
                     SpanBuilder(2, 1, proc).start(kT0 + 1000).duration(5000),
                     SpanBuilder(3, 1, proc).start(kT0 + 2000).duration(20000)});
  auto find = [&](int64_t smin, int64_t smax, int64_t dmin, int64_t dmax) {
    TraceQuery q = query_for("svc");
    q.start_time_min_us = smin;
    q.start_time_max_us = smax;
    q.duration_min_us = dmin;
    q.duration_max_us = dmax;
    return lows(store.find_trace_ids(q));
  };
  EXPECT_EQ(find(0, 0, 1000, 0), (std::vector<uint64_t>{3, 2}));
  EXPECT_EQ(find(0, 0, 0, 5000), (std::vector<uint64_t>{2, 1}));
  EXPECT_EQ(find(0, 0, 1000, 10000), std::vector<uint64_t>{2});
  EXPECT_EQ(find(kT0 + 500, kT0 + 1500, 0, 0), std::vector<uint64_t>{2});
  EXPECT_EQ(find(kT0 + 1000, 0, 0, 0), (std::vector<uint64_t>{3, 2}));
  EXPECT_EQ(find(0, kT0 + 999, 0, 0), std::vector<uint64_t>{1});
}

TEST(MemoryStoreTest, TimeBoundAppliesToTheMatchingSpanNotTheTraceStart) {
  MemoryStore store;
  auto proc = make_process("svc");
  // The trace starts early but its second span starts inside the window.
  store.write_spans({SpanBuilder(1, 1, proc).start(kT0).op("root"),
                     SpanBuilder(1, 2, proc).start(kT0 + 60'000'000).op("late").parent(1)});
  TraceQuery q = query_for("svc");
  q.start_time_min_us = kT0 + 30'000'000;
  EXPECT_EQ(lows(store.find_trace_ids(q)), std::vector<uint64_t>{1});
  q.operation = "root";
  EXPECT_TRUE(store.find_trace_ids(q).empty());
}

TEST(MemoryStoreTest, NewestFirstAndLimitAfterSorting) {
  MemoryStore store;
  auto proc = make_process("svc");
  // Written in scrambled order; trace start is the earliest span start.
  const std::vector<std::pair<uint64_t, int64_t>> traces = {{1, 50}, {2, 10}, {3, 90}, {4, 30}, {5, 70}, {6, 20}};
  for (const auto& [id, offset] : traces) store.write_spans({SpanBuilder(id, 1, proc).start(kT0 + offset)});
  // A late, earlier span moves trace 3's start before everything else.
  store.write_spans({SpanBuilder(3, 2, proc).start(kT0 + 1)});
  TraceQuery q = query_for("svc");
  q.num_traces = 3;
  EXPECT_EQ(lows(store.find_trace_ids(q)), (std::vector<uint64_t>{5, 1, 4}));
  auto full = store.find_traces(q);
  ASSERT_EQ(full.size(), 3u);
  EXPECT_EQ(full[0].spans[0].trace_id.low, 5u);
  q.num_traces = 0;  // unlimited
  EXPECT_EQ(lows(store.find_trace_ids(q)), (std::vector<uint64_t>{5, 1, 4, 6, 2, 3}));
}

TEST(MemoryStoreTest, EvictsOldestInsertedTrace) {
  MemoryStore store(MemoryStoreOptions{3, 16});
  auto proc = make_process("svc");
  // Inserted first but with the newest start: insertion order decides, not time.
  store.write_spans({SpanBuilder(1, 1, proc).start(kT0 + 1000)});
  store.write_spans({SpanBuilder(2, 1, proc).start(kT0 + 1)});
  store.write_spans({SpanBuilder(3, 1, proc).start(kT0 + 2)});
  store.write_spans({SpanBuilder(2, 2, proc).start(kT0 + 3)});  // adding to a trace does not re-insert it
  store.write_spans({SpanBuilder(4, 1, proc).start(kT0 + 4)});
  EXPECT_EQ(store.trace_count(), 3u);
  EXPECT_FALSE(store.get_trace(model::TraceID{0, 1}));
  EXPECT_TRUE(store.get_trace(model::TraceID{0, 2}));
  store.write_spans({SpanBuilder(5, 1, proc).start(kT0 + 5)});
  EXPECT_FALSE(store.get_trace(model::TraceID{0, 2}));
  EXPECT_EQ(lows(store.find_trace_ids(query_for("svc"))), (std::vector<uint64_t>{5, 4, 3}));
}

TEST(MemoryStoreTest, CatalogSurvivesEviction) {
  MemoryStore store(MemoryStoreOptions{1, 4});
  model::Span server = SpanBuilder(1, 1, make_process("a")).op("serve").tag("span.kind", "server");
  model::Span client = SpanBuilder(1, 2, make_process("a")).op("call").tag("span.kind", "client");
  model::Span plain = SpanBuilder(1, 3, make_process("a")).op("call");
  store.write_spans({server, client, plain});
  store.write_spans({SpanBuilder(2, 1, make_process("b")).op("other")});
  EXPECT_FALSE(store.get_trace(model::TraceID{0, 1}));
  EXPECT_EQ(store.get_services(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(store.get_operations(OperationQuery{"a", ""}),
            (std::vector<Operation>{{"call", ""}, {"call", "client"}, {"serve", "server"}}));
  EXPECT_EQ(store.get_operations(OperationQuery{"a", "server"}), (std::vector<Operation>{{"serve", "server"}}));
  EXPECT_TRUE(store.get_operations(OperationQuery{"zzz", ""}).empty());
  // Searching for the evicted trace's service finds nothing, and new data under freed ids decodes correctly.
  EXPECT_TRUE(store.find_trace_ids(query_for("a")).empty());
  store.write_spans({SpanBuilder(3, 1, make_process("c")).op("fresh").tag("k", "v2")});
  auto t = store.get_trace(model::TraceID{0, 3});
  ASSERT_TRUE(t);
  EXPECT_EQ(t->spans[0].operation_name, "fresh");
  EXPECT_EQ(t->spans[0].tags[0].str, "v2");
  EXPECT_EQ(t->spans[0].process->service_name, "c");
}

TEST(MemoryStoreTest, Dependencies) {
  MemoryStore store;
  auto fe = make_process("frontend");
  auto be = make_process("backend");
  auto db = make_process("db");
  store.write_spans({
      SpanBuilder(1, 1, fe).start(kT0),
      SpanBuilder(1, 2, be).start(kT0 + 10).parent(1),
      SpanBuilder(1, 3, be).start(kT0 + 20).parent(2),  // same service: no link
      SpanBuilder(1, 4, db).start(kT0 + 30).parent(3),
      SpanBuilder(1, 5, db).start(kT0 + 40).parent(3),
      SpanBuilder(1, 6, db).start(kT0 + 50).ref(model::SpanRef{model::TraceID{0, 1}, 3, model::RefType::FollowsFrom}),
      SpanBuilder(2, 1, fe).start(kT0 + 10'000'000),
      SpanBuilder(2, 2, db).start(kT0 + 10'000'010).parent(1),
  });
  auto deps = store.get_dependencies(kT0 + 1'000'000, 1'000'000);
  EXPECT_EQ(deps,
            (std::vector<model::DependencyLink>{{"backend", "db", 2, "jaeger"}, {"frontend", "backend", 1, "jaeger"}}));
  deps = store.get_dependencies(kT0 + 20'000'000, 20'000'000);
  EXPECT_EQ(deps, (std::vector<model::DependencyLink>{{"backend", "db", 2, "jaeger"},
                                                      {"frontend", "backend", 1, "jaeger"},
                                                      {"frontend", "db", 1, "jaeger"}}));
  EXPECT_TRUE(store.get_dependencies(kT0 - 1, 1000).empty());
}

TEST(MemoryStoreTest, ConcurrentWritersAndReaders) {
  MemoryStore store(MemoryStoreOptions{0, 16});
  auto proc = make_process("svc");
  auto writer = [&](uint64_t base) {
    for (uint64_t t = 0; t < 500; ++t) {
      model::SpanBatch batch;
      for (uint64_t s = 1; s <= 4; ++s) {
        batch.push_back(
            SpanBuilder(base + t, s, proc).start(kT0 + static_cast<int64_t>(t)).tag("i", std::to_string(s)));
      }
      store.write_spans(batch);
    }
  };
  std::thread a(writer, 1'000'000), b(writer, 2'000'000);
  for (int i = 0; i < 20; ++i) store.find_traces(query_for("svc"));
  a.join();
  b.join();
  EXPECT_EQ(store.trace_count(), 1000u);
  EXPECT_EQ(store.get_trace(model::TraceID{0, 2'000'499})->spans.size(), 4u);
}

}  // namespace
}  // namespace peregrine::storage::memory
