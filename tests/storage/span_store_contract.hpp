// The SpanWriter / SpanReader / DependencyReader contract every span store keeps, as one typed GoogleTest suite:
// lossless round trips, dedupe of retried writes, search semantics (one span must satisfy every criterion;
// tags match span tags, process tags and log fields as strings; start-time and duration bounds; newest first
// with the limit applied after sorting), services and operations, dependencies, an empty store, concurrent
// writers and readers, and random queries checked against a brute-force reference.
//
// A backend joins with a type that owns a fresh, empty store:
//
//   struct MyBackend {
//     static constexpr StoreTraits kTraits{...};  // the optional parts of the contract it keeps
//     SpanWriter& writer();
//     SpanReader& reader();
//     DependencyReader& dependencies();
//   };
//   INSTANTIATE_TYPED_TEST_SUITE_P(My, SpanStoreContract, ::testing::Types<MyBackend>);
//
// Spans start about an hour before the test runs (stores with a look-back window see them); tests that need
// other times say so through the traits.
#pragma once
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "backend/storage/span_reader.hpp"
#include "backend/storage/span_writer.hpp"
#include "tests/storage/random_corpus.hpp"
#include "tests/storage/span_builder.hpp"
#include "tests/support/span_assertions.hpp"
#include "tests/support/trace_queries.hpp"

namespace peregrine::storage::contract {

// Parts of the contract a backend may not keep (each test that needs one is skipped otherwise).
struct StoreTraits {
  // get_dependencies counts calls from the stored spans (instead of reading links computed elsewhere).
  bool computes_dependencies = true;
  // A trace's place in search results is its start (earliest span); false: the newest matching span decides.
  bool orders_by_trace_start = true;
  // A span written again with other content keeps its first copy (and only its first copy is searchable).
  bool first_copy_wins = true;
  // Any start time is stored, even far from now (negative, near INT64_MAX).
  bool any_start_time = true;
  // Span warnings are stored.
  bool keeps_warnings = true;
  // Operations are listed per span kind, and get_operations filters by kind.
  bool operations_have_span_kinds = true;
};

template <typename Backend>
class SpanStoreContract : public ::testing::Test {
 protected:
  // An hour ago, on a whole second: every span of a test starts within minutes of it.
  const int64_t t0 = (std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count() -
                      3600) *
                     1'000'000;
  Backend backend;

  SpanWriter& writer() { return backend.writer(); }
  SpanReader& reader() { return backend.reader(); }
  DependencyReader& dependencies() { return backend.dependencies(); }
  static constexpr StoreTraits traits() { return Backend::kTraits; }

  // A span starting at t0 + offset_us.
  testing::SpanBuilder span(uint64_t trace, uint64_t id, model::ProcessPtr process, int64_t offset_us = 0) const {
    return testing::SpanBuilder(trace, id, std::move(process)).start(t0 + offset_us);
  }
  std::vector<uint64_t> find_lows(const TraceQuery& q) { return test_support::lows(reader().find_trace_ids(q)); }
  size_t span_count(uint64_t trace) {
    auto t = reader().get_trace(model::TraceID{0, trace});
    return t ? t->spans.size() : 0;
  }
};

TYPED_TEST_SUITE_P(SpanStoreContract);

using model::KeyValue;
using testing::make_process;
using test_support::query_for;

TYPED_TEST_P(SpanStoreContract, RoundTripsEveryField) {
  auto proc = make_process("frontend", {KeyValue::String("hostname", "h1"), KeyValue::Int64("ip", 42)});
  model::Span s = this->span(7, 100, proc, 123)
                      .trace_high(0xabc)
                      .op("GET /x")
                      .duration(4567)
                      .flags(3)
                      .parent(99)
                      .ref(model::SpanRef{model::TraceID{1, 2}, 5, model::RefType::FollowsFrom})
                      .tag("http.method", "GET")
                      .tag(KeyValue::Int64("http.status_code", -200))
                      .tag(KeyValue::Int64("big", INT64_MAX))
                      .tag(KeyValue::Bool("error", true))
                      .tag(KeyValue::Bool("cached", false))
                      .tag(KeyValue::Float64("ratio", 0.25))
                      .tag(KeyValue::Binary("blob", std::string("\x00\x01\xff", 3)))
                      .tag("empty", "")
                      .log(this->t0 + 100, {KeyValue::String("event", "retry"), KeyValue::Int64("n", 2)})
                      .log(this->t0 + 200, {})
                      .warning("clock skew");
  this->writer().write_spans({s});
  auto t = this->reader().get_trace(s.trace_id);
  ASSERT_TRUE(t.has_value());
  ASSERT_EQ(t->spans.size(), 1u);
  if (!this->traits().keeps_warnings) s.warnings.clear();
  test_support::expect_same_span(t->spans[0], s);
  EXPECT_FALSE(this->reader().get_trace(model::TraceID{0, 7}).has_value());  // other high half
}

TYPED_TEST_P(SpanStoreContract, ManyDistinctValuesRoundTrip) {
  auto proc = make_process("svc");
  std::vector<model::Span> spans;
  for (uint64_t i = 1; i <= 300; ++i) {
    spans.push_back(this->span(i, i, proc, static_cast<int64_t>(i))
                        .tag("request.id", "req-" + std::to_string(i))
                        .tag("http.method", i % 2 ? "GET" : "POST")
                        .tag("long", std::string(200, static_cast<char>('a' + i % 26))));
  }
  this->writer().write_spans(spans);
  for (const auto& s : spans) {
    auto t = this->reader().get_trace(s.trace_id);
    ASSERT_TRUE(t.has_value());
    test_support::expect_same_span(t->spans.at(0), s);
  }
}

TYPED_TEST_P(SpanStoreContract, NegativeAndExtremeTimesRoundTrip) {
  if (!this->traits().any_start_time) GTEST_SKIP() << "stores spans near the present only";
  auto proc = make_process("svc");
  this->writer().write_spans({testing::SpanBuilder(1, 1, proc).start(-5).duration(-3),
                              testing::SpanBuilder(1, 2, proc).start(INT64_MAX - 1),
                              testing::SpanBuilder(1, 3, proc).start(0)});
  auto t = this->reader().get_trace(model::TraceID{0, 1});
  ASSERT_TRUE(t);
  ASSERT_EQ(t->spans.size(), 3u);
  std::vector<std::pair<int64_t, int64_t>> times;
  for (const auto& s : t->spans) times.emplace_back(s.start_time_us, s.duration_us);
  std::sort(times.begin(), times.end());
  EXPECT_EQ(times, (std::vector<std::pair<int64_t, int64_t>>{{-5, -3}, {0, 1000}, {INT64_MAX - 1, 1000}}));
  EXPECT_EQ(this->find_lows(query_for("svc")), std::vector<uint64_t>{1});
}

TYPED_TEST_P(SpanStoreContract, SpansOfATraceShareEqualProcesses) {
  auto proc = make_process("svc", {KeyValue::String("host", "a")});
  auto equal_copy = make_process("svc", {KeyValue::String("host", "a")});
  this->writer().write_spans({this->span(1, 1, proc), this->span(1, 2, equal_copy, 1),
                              this->span(1, 3, make_process("other"), 2)});
  auto t = this->reader().get_trace(model::TraceID{0, 1});
  ASSERT_TRUE(t);
  ASSERT_EQ(t->spans.size(), 3u);
  std::map<model::SpanID, const model::Process*> process_of;
  for (const auto& s : t->spans) process_of[s.span_id] = s.process.get();
  EXPECT_EQ(process_of[1], process_of[2]);
  EXPECT_NE(process_of[1], process_of[3]);
}

TYPED_TEST_P(SpanStoreContract, RetriedWritesAreDeduplicated) {
  auto proc = make_process("svc");
  model::SpanBatch batch = {this->span(1, 1, proc), this->span(1, 2, proc, 5).parent(1)};
  this->writer().write_spans(batch);
  this->writer().write_spans(batch);  // retry of the whole batch
  EXPECT_EQ(this->span_count(1), 2u);
  EXPECT_EQ(this->reader().find_trace_ids(query_for("svc")).size(), 1u);
  // Same span id with a different start time is a different span (e.g. Zipkin shared client/server id).
  this->writer().write_spans({this->span(1, 1, proc, 1)});
  EXPECT_EQ(this->span_count(1), 3u);
  // Duplicates inside one batch collapse too.
  this->writer().write_spans({this->span(2, 1, proc), this->span(2, 1, proc)});
  EXPECT_EQ(this->span_count(2), 1u);
}

TYPED_TEST_P(SpanStoreContract, LargeTraceDedupe) {
  auto proc = make_process("svc");
  model::SpanBatch batch;
  for (uint64_t i = 1; i <= 200; ++i) batch.push_back(this->span(9, i, proc, static_cast<int64_t>(i)));
  this->writer().write_spans(batch);
  this->writer().write_spans(batch);
  this->writer().write_spans({this->span(9, 500, proc)});
  EXPECT_EQ(this->span_count(9), 201u);
}

TYPED_TEST_P(SpanStoreContract, ARewriteWithOtherContentKeepsTheFirstCopy) {
  if (!this->traits().first_copy_wins) GTEST_SKIP() << "keeps every copy written";
  auto proc = make_process("svc");
  this->writer().write_spans({this->span(1, 1, proc).op("first").tag("a", "1")});
  this->writer().write_spans({this->span(1, 1, proc).op("second").tag("b", "2")});
  auto t = this->reader().get_trace(model::TraceID{0, 1});
  ASSERT_TRUE(t);
  ASSERT_EQ(t->spans.size(), 1u);
  EXPECT_EQ(t->spans[0].operation_name, "first");
  TraceQuery q = query_for("svc");
  q.tags = {{"b", "2"}};
  EXPECT_TRUE(this->reader().find_trace_ids(q).empty());
  q.tags = {{"a", "1"}};
  EXPECT_EQ(this->reader().find_trace_ids(q).size(), 1u);
  EXPECT_EQ(this->reader().get_operations(OperationQuery{"svc", ""}), (std::vector<Operation>{{"first", ""}}));
  // Within one batch the first copy wins too.
  this->writer().write_spans({this->span(2, 1, proc).op("x"), this->span(2, 1, proc).op("y")});
  EXPECT_EQ(this->reader().get_trace(model::TraceID{0, 2})->spans.at(0).operation_name, "x");
}

TYPED_TEST_P(SpanStoreContract, OneSpanMustSatisfyEveryCriterion) {
  auto proc = make_process("svc");
  this->writer().write_spans({this->span(1, 1, proc).op("x").tag("k", "v"), this->span(1, 2, proc, 1).op("y")});
  TraceQuery q = query_for("svc");
  q.operation = "y";
  q.tags = {{"k", "v"}};
  EXPECT_TRUE(this->reader().find_traces(q).empty());
  q.operation = "x";
  auto found = this->reader().find_traces(q);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].spans.size(), 2u);  // the whole trace, not only the matching span
  q.operation.clear();
  q.tags = {{"k", "v"}, {"other", "1"}};
  EXPECT_TRUE(this->reader().find_traces(q).empty());
}

TYPED_TEST_P(SpanStoreContract, ServiceAndOperationFilters) {
  this->writer().write_spans({this->span(1, 1, make_process("a")).op("x"), this->span(2, 1, make_process("b")).op("x"),
                              this->span(3, 1, make_process("a")).op("y")});
  EXPECT_EQ(this->reader().find_trace_ids(query_for("a")).size(), 2u);
  TraceQuery q = query_for("a");
  q.operation = "x";
  EXPECT_EQ(this->find_lows(q), std::vector<uint64_t>{1});
  EXPECT_TRUE(this->reader().find_trace_ids(query_for("nope")).empty());
  q.operation = "missing";
  EXPECT_TRUE(this->reader().find_trace_ids(q).empty());
  // No service: every service.
  EXPECT_EQ(this->reader().find_trace_ids(TraceQuery{}).size(), 3u);
}

TYPED_TEST_P(SpanStoreContract, TagsMatchSpanTagsProcessTagsAndLogFieldsAsStrings) {
  auto proc = make_process("svc", {KeyValue::String("region", "eu"), KeyValue::Int64("pid", 77)});
  const std::string long_value(1000, 'x');
  this->writer().write_spans({
      this->span(1, 1, proc).tag(KeyValue::Int64("http.status_code", 200)),
      this->span(2, 1, proc).tag(KeyValue::Bool("error", true)),
      this->span(3, 1, proc).log(this->t0, {KeyValue::String("event", "cache miss")}),
      this->span(4, 1, proc).tag(KeyValue::Float64("ratio", 1.5)),
      this->span(5, 1, proc).tag(KeyValue::Binary("raw", std::string("\x0a\xff", 2))),
      this->span(6, 1, make_process("svc")).tag("plain", "x").tag("stack", long_value),
  });
  auto find = [&](std::map<std::string, std::string> tags) {
    TraceQuery q = query_for("svc");
    q.tags = std::move(tags);
    auto ids = this->find_lows(q);
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

TYPED_TEST_P(SpanStoreContract, DurationAndTimeBounds) {
  auto proc = make_process("svc");
  const int64_t t0 = this->t0;
  this->writer().write_spans({this->span(1, 1, proc, 0).duration(100), this->span(2, 1, proc, 1000).duration(5000),
                              this->span(3, 1, proc, 2000).duration(20000)});
  auto find = [&](int64_t smin, int64_t smax, int64_t dmin, int64_t dmax) {
    TraceQuery q = query_for("svc");
    q.start_time_min_us = smin;
    q.start_time_max_us = smax;
    q.duration_min_us = dmin;
    q.duration_max_us = dmax;
    return this->find_lows(q);
  };
  EXPECT_EQ(find(0, 0, 1000, 0), (std::vector<uint64_t>{3, 2}));
  EXPECT_EQ(find(0, 0, 0, 5000), (std::vector<uint64_t>{2, 1}));
  EXPECT_EQ(find(0, 0, 1000, 10000), std::vector<uint64_t>{2});
  EXPECT_EQ(find(t0 + 500, t0 + 1500, 0, 0), std::vector<uint64_t>{2});
  EXPECT_EQ(find(t0 + 1000, 0, 0, 0), (std::vector<uint64_t>{3, 2}));
  EXPECT_EQ(find(0, t0 + 999, 0, 0), std::vector<uint64_t>{1});
  EXPECT_TRUE(find(t0 + 2001, 0, 0, 0).empty());
}

TYPED_TEST_P(SpanStoreContract, TimeBoundAppliesToTheMatchingSpanNotTheTraceStart) {
  auto proc = make_process("svc");
  // The trace starts early but its second span starts inside the window.
  this->writer().write_spans({this->span(1, 1, proc).op("root"), this->span(1, 2, proc, 60'000'000).op("late").parent(1)});
  TraceQuery q = query_for("svc");
  q.start_time_min_us = this->t0 + 30'000'000;
  EXPECT_EQ(this->find_lows(q), std::vector<uint64_t>{1});
  q.operation = "root";
  EXPECT_TRUE(this->reader().find_trace_ids(q).empty());
}

TYPED_TEST_P(SpanStoreContract, NewestFirstAndLimitAfterSorting) {
  auto proc = make_process("svc");
  // Single-span traces written in scrambled order.
  const std::vector<std::pair<uint64_t, int64_t>> traces = {{1, 50}, {2, 10}, {3, 90}, {4, 30}, {5, 70}, {6, 20}};
  for (const auto& [id, offset] : traces) this->writer().write_spans({this->span(id, 1, proc, offset)});
  TraceQuery q = query_for("svc");
  q.num_traces = 3;
  EXPECT_EQ(this->find_lows(q), (std::vector<uint64_t>{3, 5, 1}));
  auto full = this->reader().find_traces(q);
  ASSERT_EQ(full.size(), 3u);
  EXPECT_EQ(full[0].spans[0].trace_id.low, 3u);
  q.num_traces = 0;  // unlimited
  EXPECT_EQ(this->find_lows(q), (std::vector<uint64_t>{3, 5, 1, 4, 6, 2}));
}

TYPED_TEST_P(SpanStoreContract, TraceStartIsItsEarliestSpan) {
  if (!this->traits().orders_by_trace_start) GTEST_SKIP() << "orders traces by their newest matching span";
  auto proc = make_process("svc");
  const std::vector<std::pair<uint64_t, int64_t>> traces = {{1, 50}, {2, 10}, {3, 90}, {4, 30}, {5, 70}, {6, 20}};
  for (const auto& [id, offset] : traces) this->writer().write_spans({this->span(id, 1, proc, offset)});
  // A late, earlier span moves trace 3's start before everything else.
  this->writer().write_spans({this->span(3, 2, proc, 1)});
  TraceQuery q = query_for("svc");
  q.num_traces = 3;
  EXPECT_EQ(this->find_lows(q), (std::vector<uint64_t>{5, 1, 4}));
  q.num_traces = 0;
  EXPECT_EQ(this->find_lows(q), (std::vector<uint64_t>{5, 1, 4, 6, 2, 3}));
  // Equal starts: smaller trace id first.
  this->writer().write_spans({this->span(9, 1, proc, 70)});
  q.num_traces = 2;
  EXPECT_EQ(this->find_lows(q), (std::vector<uint64_t>{5, 9}));
}

TYPED_TEST_P(SpanStoreContract, ServicesAndOperations) {
  this->writer().write_spans({this->span(1, 1, make_process("a")).op("serve").tag("span.kind", "server"),
                              this->span(1, 2, make_process("a")).op("call").tag("span.kind", "client"),
                              this->span(1, 3, make_process("a")).op("call"),
                              this->span(2, 1, make_process("b")).op("other")});
  this->writer().write_spans({this->span(3, 1, make_process("a")).op("call")});  // already known
  EXPECT_EQ(this->reader().get_services(), (std::vector<std::string>{"a", "b"}));
  if (!this->traits().operations_have_span_kinds) {
    std::vector<std::string> names;
    for (const auto& op : this->reader().get_operations(OperationQuery{"a", ""})) names.push_back(op.name);
    names.erase(std::unique(names.begin(), names.end()), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"call", "serve"}));
    return;
  }
  EXPECT_EQ(this->reader().get_operations(OperationQuery{"a", ""}),
            (std::vector<Operation>{{"call", ""}, {"call", "client"}, {"serve", "server"}}));
  EXPECT_EQ(this->reader().get_operations(OperationQuery{"a", "server"}),
            (std::vector<Operation>{{"serve", "server"}}));
  EXPECT_TRUE(this->reader().get_operations(OperationQuery{"zzz", ""}).empty());
}

TYPED_TEST_P(SpanStoreContract, Dependencies) {
  if (!this->traits().computes_dependencies) GTEST_SKIP() << "reads dependency links computed elsewhere";
  auto fe = make_process("frontend");
  auto be = make_process("backend");
  auto db = make_process("db");
  const int64_t t0 = this->t0;
  this->writer().write_spans({
      this->span(1, 1, fe),
      this->span(1, 2, be, 10).parent(1),
      this->span(1, 3, be, 20).parent(2),  // same service: no link
      this->span(1, 4, db, 30).parent(3),
      this->span(1, 5, db, 40).parent(3),
      this->span(1, 6, db, 50).ref(model::SpanRef{model::TraceID{0, 1}, 3, model::RefType::FollowsFrom}),
      this->span(2, 1, fe, 10'000'000),
      this->span(2, 2, db, 10'000'010).parent(1),
      this->span(3, 2, db, 10'000'010).parent(1),  // parent not stored: no link
  });
  auto deps = this->dependencies().get_dependencies(t0 + 1'000'000, 1'000'000);
  EXPECT_EQ(deps,
            (std::vector<model::DependencyLink>{{"backend", "db", 2, "jaeger"}, {"frontend", "backend", 1, "jaeger"}}));
  deps = this->dependencies().get_dependencies(t0 + 20'000'000, 20'000'000);
  EXPECT_EQ(deps, (std::vector<model::DependencyLink>{{"backend", "db", 2, "jaeger"},
                                                      {"frontend", "backend", 1, "jaeger"},
                                                      {"frontend", "db", 1, "jaeger"}}));
  // A window touching only one span of trace 1 still counts the whole trace.
  EXPECT_EQ(this->dependencies().get_dependencies(t0 + 50, 0).size(), 2u);
  EXPECT_TRUE(this->dependencies().get_dependencies(t0 - 1, 1000).empty());
}

TYPED_TEST_P(SpanStoreContract, EmptyStoreAnswersEverything) {
  EXPECT_TRUE(this->reader().get_services().empty());
  EXPECT_TRUE(this->reader().get_operations(OperationQuery{"svc", ""}).empty());
  EXPECT_TRUE(this->reader().find_traces(TraceQuery{}).empty());
  EXPECT_TRUE(this->reader().find_trace_ids(query_for("svc")).empty());
  EXPECT_FALSE(this->reader().get_trace(model::TraceID{0, 1}));
  EXPECT_TRUE(this->dependencies().get_dependencies(this->t0, 3'600'000'000).empty());
}

TYPED_TEST_P(SpanStoreContract, ConcurrentWritersAndReaders) {
  auto proc = make_process("svc");
  auto write = [&](uint64_t base) {
    for (uint64_t t = 0; t < 300; ++t) {
      model::SpanBatch batch;
      for (uint64_t s = 1; s <= 4; ++s) {
        batch.push_back(this->span(base + t, s, proc, static_cast<int64_t>(t)).tag("i", std::to_string(s)));
      }
      this->writer().write_spans(batch);
    }
  };
  std::thread a(write, 1'000'000), b(write, 2'000'000);
  for (int i = 0; i < 20; ++i) this->reader().find_traces(query_for("svc"));
  a.join();
  b.join();
  TraceQuery q = query_for("svc");
  q.num_traces = 1000;
  EXPECT_EQ(this->reader().find_trace_ids(q).size(), 600u);
  EXPECT_EQ(this->span_count(2'000'299), 4u);
}

TYPED_TEST_P(SpanStoreContract, RandomQueriesMatchABruteForceReference) {
  if (!this->traits().orders_by_trace_start) GTEST_SKIP() << "the reference orders traces by their start";
  std::mt19937_64 rng(7);
  const random_corpus::Corpus corpus = random_corpus::write(rng, this->t0, {&this->writer()});
  int non_empty = 0;
  for (int i = 0; i < 150; ++i) {
    TraceQuery q = test_support::random_query(rng, this->t0);
    auto expected = random_corpus::find(corpus, q);
    non_empty += expected.empty() ? 0 : 1;
    ASSERT_EQ(this->reader().find_trace_ids(q), expected) << "query #" << i << " " << random_corpus::describe(q);
  }
  EXPECT_GT(non_empty, 40);  // the random queries must exercise real matches
}

REGISTER_TYPED_TEST_SUITE_P(SpanStoreContract, RoundTripsEveryField, ManyDistinctValuesRoundTrip,
                            NegativeAndExtremeTimesRoundTrip, SpansOfATraceShareEqualProcesses,
                            RetriedWritesAreDeduplicated, LargeTraceDedupe, ARewriteWithOtherContentKeepsTheFirstCopy,
                            OneSpanMustSatisfyEveryCriterion, ServiceAndOperationFilters,
                            TagsMatchSpanTagsProcessTagsAndLogFieldsAsStrings, DurationAndTimeBounds,
                            TimeBoundAppliesToTheMatchingSpanNotTheTraceStart, NewestFirstAndLimitAfterSorting,
                            TraceStartIsItsEarliestSpan, ServicesAndOperations, Dependencies,
                            EmptyStoreAnswersEverything, ConcurrentWritersAndReaders,
                            RandomQueriesMatchABruteForceReference);

}  // namespace peregrine::storage::contract
