// EmbeddedStore behaviour: lossless round trips, dedupe of retried writes, search semantics (one span must
// satisfy every criterion; tags match span tags, process tags and log fields as strings; time and duration
// bounds; newest first with the limit applied after sorting), services/operations, dependencies, concurrency.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "tests/embedded/embedded_test_support.hpp"
#include "tests/storage/span_builder.hpp"
#include "tests/support/span_assertions.hpp"
#include "tests/support/trace_queries.hpp"

namespace peregrine::storage::embedded {
namespace {

using storage::testing::make_process;
using storage::testing::SpanBuilder;
using testing::StoreFixture;
using test_support::expect_same_span;
using test_support::lows;
using test_support::query_for;

constexpr int64_t kT0 = 1'500'000'000'000'000;

class EmbeddedStoreTest : public ::testing::Test {
 protected:
  StoreFixture f;
  EmbeddedStore& store() { return *f.store; }
};

TEST_F(EmbeddedStoreTest, RoundTripsEveryField) {
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
  store().write_spans({s});
  auto t = store().get_trace(s.trace_id);
  ASSERT_TRUE(t.has_value());
  ASSERT_EQ(t->spans.size(), 1u);
  expect_same_span(t->spans[0], s);
  EXPECT_FALSE(store().get_trace(model::TraceID{0, 7}).has_value());
}

TEST_F(EmbeddedStoreTest, NegativeAndExtremeTimesRoundTrip) {
  auto proc = make_process("svc");
  store().write_spans({SpanBuilder(1, 1, proc).start(-5).duration(-3), SpanBuilder(1, 2, proc).start(INT64_MAX - 1),
                       SpanBuilder(1, 3, proc).start(0)});
  auto t = store().get_trace(model::TraceID{0, 1});
  ASSERT_TRUE(t);
  ASSERT_EQ(t->spans.size(), 3u);
  EXPECT_EQ(t->spans[0].start_time_us, -5);  // sorted by start
  EXPECT_EQ(t->spans[0].duration_us, -3);
  EXPECT_EQ(t->spans[2].start_time_us, INT64_MAX - 1);
}

TEST_F(EmbeddedStoreTest, SpansOfATraceShareProcessObjects) {
  auto proc = make_process("svc", {model::KeyValue::String("host", "a")});
  store().write_spans({SpanBuilder(1, 1, proc), SpanBuilder(1, 2, proc).start(kT0 + 1),
                       SpanBuilder(1, 3, make_process("other")).start(kT0 + 2)});
  auto t = store().get_trace(model::TraceID{0, 1});
  ASSERT_TRUE(t);
  ASSERT_EQ(t->spans.size(), 3u);
  EXPECT_EQ(t->spans[0].process.get(), t->spans[1].process.get());
  EXPECT_NE(t->spans[0].process.get(), t->spans[2].process.get());
}

TEST_F(EmbeddedStoreTest, RetriedWritesAreDeduplicated) {
  auto proc = make_process("svc");
  model::SpanBatch batch = {SpanBuilder(1, 1, proc).start(kT0), SpanBuilder(1, 2, proc).start(kT0 + 5).parent(1)};
  store().write_spans(batch);
  store().write_spans(batch);  // retry of the whole batch
  auto t = store().get_trace(model::TraceID{0, 1});
  ASSERT_TRUE(t);
  EXPECT_EQ(t->spans.size(), 2u);
  EXPECT_EQ(store().find_trace_ids(query_for("svc")).size(), 1u);
  // Same span id with a different start time is a different span (e.g. Zipkin shared client/server id).
  store().write_spans({SpanBuilder(1, 1, proc).start(kT0 + 1)});
  EXPECT_EQ(store().get_trace(model::TraceID{0, 1})->spans.size(), 3u);
  // Duplicates inside one batch collapse too.
  store().write_spans({SpanBuilder(2, 1, proc), SpanBuilder(2, 1, proc)});
  EXPECT_EQ(store().get_trace(model::TraceID{0, 2})->spans.size(), 1u);
}

TEST_F(EmbeddedStoreTest, ARewriteWithOtherContentKeepsTheFirstCopy) {
  auto proc = make_process("svc");
  store().write_spans({SpanBuilder(1, 1, proc).op("first").tag("a", "1")});
  store().write_spans({SpanBuilder(1, 1, proc).op("second").tag("b", "2")});
  auto t = store().get_trace(model::TraceID{0, 1});
  ASSERT_TRUE(t);
  ASSERT_EQ(t->spans.size(), 1u);
  EXPECT_EQ(t->spans[0].operation_name, "first");
  TraceQuery q = query_for("svc");
  q.tags = {{"b", "2"}};
  EXPECT_TRUE(store().find_trace_ids(q).empty());
  q.tags = {{"a", "1"}};
  EXPECT_EQ(store().find_trace_ids(q).size(), 1u);
  EXPECT_EQ(store().get_operations(OperationQuery{"svc", ""}), (std::vector<Operation>{{"first", ""}}));
  // Within one batch the first copy wins too.
  store().write_spans({SpanBuilder(2, 1, proc).op("x"), SpanBuilder(2, 1, proc).op("y")});
  EXPECT_EQ(store().get_trace(model::TraceID{0, 2})->spans.at(0).operation_name, "x");
}

TEST_F(EmbeddedStoreTest, OneSpanMustSatisfyEveryCriterion) {
  auto proc = make_process("svc");
  store().write_spans({SpanBuilder(1, 1, proc).op("x").tag("k", "v"), SpanBuilder(1, 2, proc).op("y")});
  TraceQuery q = query_for("svc");
  q.operation = "y";
  q.tags = {{"k", "v"}};
  EXPECT_TRUE(store().find_traces(q).empty());
  q.operation = "x";
  EXPECT_EQ(store().find_traces(q).size(), 1u);
  q.operation.clear();
  q.tags = {{"k", "v"}, {"other", "1"}};
  EXPECT_TRUE(store().find_traces(q).empty());
}

TEST_F(EmbeddedStoreTest, ServiceAndOperationFilters) {
  store().write_spans({SpanBuilder(1, 1, make_process("a")).op("x"), SpanBuilder(2, 1, make_process("b")).op("x"),
                       SpanBuilder(3, 1, make_process("a")).op("y")});
  EXPECT_EQ(store().find_trace_ids(query_for("a")).size(), 2u);
  TraceQuery q = query_for("a");
  q.operation = "x";
  EXPECT_EQ(lows(store().find_trace_ids(q)), std::vector<uint64_t>{1});
  EXPECT_TRUE(store().find_trace_ids(query_for("nope")).empty());
  q.operation = "missing";
  EXPECT_TRUE(store().find_trace_ids(q).empty());
  // No service: every service.
  EXPECT_EQ(store().find_trace_ids(TraceQuery{}).size(), 3u);
}

TEST_F(EmbeddedStoreTest, TagsMatchSpanTagsProcessTagsAndLogFieldsAsStrings) {
  auto proc = make_process("svc", {model::KeyValue::String("region", "eu"), model::KeyValue::Int64("pid", 77)});
  const std::string long_value(1000, 'x');  // too long for the tag index: found through another index
  store().write_spans({
      SpanBuilder(1, 1, proc).tag(model::KeyValue::Int64("http.status_code", 200)),
      SpanBuilder(2, 1, proc).tag(model::KeyValue::Bool("error", true)),
      SpanBuilder(3, 1, proc).log(kT0, {model::KeyValue::String("event", "cache miss")}),
      SpanBuilder(4, 1, proc).tag(model::KeyValue::Float64("ratio", 1.5)),
      SpanBuilder(5, 1, proc).tag(model::KeyValue::Binary("raw", std::string("\x0a\xff", 2))),
      SpanBuilder(6, 1, make_process("svc")).tag("plain", "x").tag("stack", long_value),
  });
  auto find = [&](std::map<std::string, std::string> tags) {
    TraceQuery q = query_for("svc");
    q.tags = std::move(tags);
    auto ids = lows(store().find_trace_ids(q));
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
  EXPECT_EQ(find({{"stack", long_value}}), std::vector<uint64_t>{6});
  EXPECT_EQ(find({{"stack", long_value}, {"plain", "x"}}), std::vector<uint64_t>{6});
}

TEST_F(EmbeddedStoreTest, DurationAndTimeBounds) {
  auto proc = make_process("svc");
  store().write_spans({SpanBuilder(1, 1, proc).start(kT0).duration(100),
                       SpanBuilder(2, 1, proc).start(kT0 + 1000).duration(5000),
                       SpanBuilder(3, 1, proc).start(kT0 + 2000).duration(20000)});
  auto find = [&](int64_t smin, int64_t smax, int64_t dmin, int64_t dmax) {
    TraceQuery q = query_for("svc");
    q.start_time_min_us = smin;
    q.start_time_max_us = smax;
    q.duration_min_us = dmin;
    q.duration_max_us = dmax;
    return lows(store().find_trace_ids(q));
  };
  EXPECT_EQ(find(0, 0, 1000, 0), (std::vector<uint64_t>{3, 2}));
  EXPECT_EQ(find(0, 0, 0, 5000), (std::vector<uint64_t>{2, 1}));
  EXPECT_EQ(find(0, 0, 1000, 10000), std::vector<uint64_t>{2});
  EXPECT_EQ(find(kT0 + 500, kT0 + 1500, 0, 0), std::vector<uint64_t>{2});
  EXPECT_EQ(find(kT0 + 1000, 0, 0, 0), (std::vector<uint64_t>{3, 2}));
  EXPECT_EQ(find(0, kT0 + 999, 0, 0), std::vector<uint64_t>{1});
}

TEST_F(EmbeddedStoreTest, TimeBoundAppliesToTheMatchingSpanNotTheTraceStart) {
  auto proc = make_process("svc");
  store().write_spans({SpanBuilder(1, 1, proc).start(kT0).op("root"),
                       SpanBuilder(1, 2, proc).start(kT0 + 60'000'000).op("late").parent(1)});
  TraceQuery q = query_for("svc");
  q.start_time_min_us = kT0 + 30'000'000;
  EXPECT_EQ(lows(store().find_trace_ids(q)), std::vector<uint64_t>{1});
  q.operation = "root";
  EXPECT_TRUE(store().find_trace_ids(q).empty());
}

TEST_F(EmbeddedStoreTest, NewestFirstByTraceStartAndLimitAfterSorting) {
  auto proc = make_process("svc");
  const std::vector<std::pair<uint64_t, int64_t>> traces = {{1, 50}, {2, 10}, {3, 90}, {4, 30}, {5, 70}, {6, 20}};
  for (const auto& [id, offset] : traces) store().write_spans({SpanBuilder(id, 1, proc).start(kT0 + offset)});
  // A late, earlier span moves trace 3's start before everything else.
  store().write_spans({SpanBuilder(3, 2, proc).start(kT0 + 1)});
  TraceQuery q = query_for("svc");
  q.num_traces = 3;
  EXPECT_EQ(lows(store().find_trace_ids(q)), (std::vector<uint64_t>{5, 1, 4}));
  auto full = store().find_traces(q);
  ASSERT_EQ(full.size(), 3u);
  EXPECT_EQ(full[0].spans[0].trace_id.low, 5u);
  q.num_traces = 0;  // unlimited
  EXPECT_EQ(lows(store().find_trace_ids(q)), (std::vector<uint64_t>{5, 1, 4, 6, 2, 3}));
  // Equal starts: smaller trace id first.
  store().write_spans({SpanBuilder(9, 1, proc).start(kT0 + 70)});
  q.num_traces = 2;
  EXPECT_EQ(lows(store().find_trace_ids(q)), (std::vector<uint64_t>{5, 9}));
}

TEST_F(EmbeddedStoreTest, ServicesAndOperations) {
  store().write_spans({SpanBuilder(1, 1, make_process("a")).op("serve").tag("span.kind", "server"),
                       SpanBuilder(1, 2, make_process("a")).op("call").tag("span.kind", "client"),
                       SpanBuilder(1, 3, make_process("a")).op("call"),
                       SpanBuilder(2, 1, make_process("b")).op("other")});
  store().write_spans({SpanBuilder(3, 1, make_process("a")).op("call")});  // already known
  EXPECT_EQ(store().get_services(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(store().get_operations(OperationQuery{"a", ""}),
            (std::vector<Operation>{{"call", ""}, {"call", "client"}, {"serve", "server"}}));
  EXPECT_EQ(store().get_operations(OperationQuery{"a", "server"}), (std::vector<Operation>{{"serve", "server"}}));
  EXPECT_TRUE(store().get_operations(OperationQuery{"zzz", ""}).empty());
}

TEST_F(EmbeddedStoreTest, Dependencies) {
  auto fe = make_process("frontend");
  auto be = make_process("backend");
  auto db = make_process("db");
  store().write_spans({
      SpanBuilder(1, 1, fe).start(kT0),
      SpanBuilder(1, 2, be).start(kT0 + 10).parent(1),
      SpanBuilder(1, 3, be).start(kT0 + 20).parent(2),  // same service: no link
      SpanBuilder(1, 4, db).start(kT0 + 30).parent(3),
      SpanBuilder(1, 5, db).start(kT0 + 40).parent(3),
      SpanBuilder(1, 6, db).start(kT0 + 50).ref(model::SpanRef{model::TraceID{0, 1}, 3, model::RefType::FollowsFrom}),
      SpanBuilder(2, 1, fe).start(kT0 + 10'000'000),
      SpanBuilder(2, 2, db).start(kT0 + 10'000'010).parent(1),
      SpanBuilder(3, 2, db).start(kT0 + 10'000'010).parent(1),  // parent not stored: no link
  });
  auto deps = store().get_dependencies(kT0 + 1'000'000, 1'000'000);
  EXPECT_EQ(deps,
            (std::vector<model::DependencyLink>{{"backend", "db", 2, "jaeger"}, {"frontend", "backend", 1, "jaeger"}}));
  deps = store().get_dependencies(kT0 + 20'000'000, 20'000'000);
  EXPECT_EQ(deps, (std::vector<model::DependencyLink>{{"backend", "db", 2, "jaeger"},
                                                      {"frontend", "backend", 1, "jaeger"},
                                                      {"frontend", "db", 1, "jaeger"}}));
  // A window touching only one span of trace 1 still counts the whole trace.
  deps = store().get_dependencies(kT0 + 50, 0);
  EXPECT_EQ(deps.size(), 2u);
  EXPECT_TRUE(store().get_dependencies(kT0 - 1, 1000).empty());
}

TEST_F(EmbeddedStoreTest, EmptyStoreAnswersEverything) {
  EXPECT_TRUE(store().get_services().empty());
  EXPECT_TRUE(store().find_traces(TraceQuery{}).empty());
  EXPECT_TRUE(store().find_trace_ids(query_for("svc")).empty());
  EXPECT_TRUE(store().get_dependencies(kT0, kT0).empty());
  EXPECT_EQ(store().run_maintenance(), 0u);
}

TEST_F(EmbeddedStoreTest, ConcurrentWritersAndReaders) {
  auto proc = make_process("svc");
  auto writer = [&](uint64_t base) {
    for (uint64_t t = 0; t < 300; ++t) {
      model::SpanBatch batch;
      for (uint64_t s = 1; s <= 4; ++s) {
        batch.push_back(
            SpanBuilder(base + t, s, proc).start(kT0 + static_cast<int64_t>(t)).tag("i", std::to_string(s)));
      }
      store().write_spans(batch);
    }
  };
  std::thread a(writer, 1'000'000), b(writer, 2'000'000);
  for (int i = 0; i < 20; ++i) store().find_traces(query_for("svc"));
  a.join();
  b.join();
  TraceQuery q = query_for("svc");
  q.num_traces = 0;
  EXPECT_EQ(store().find_trace_ids(q).size(), 600u);
  EXPECT_EQ(store().get_trace(model::TraceID{0, 2'000'299})->spans.size(), 4u);
}

}  // namespace
}  // namespace peregrine::storage::embedded
