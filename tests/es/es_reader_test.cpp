// EsSpanReader / EsDependencyReader against the Elasticsearch double, over data written by EsSpanWriter (and
// documents in Jaeger's older shapes written directly): services and operations, find-traces filters (service,
// operation, time and duration ranges, tags in span tags, process tags, log fields and tag.* fields), newest
// first with the limit applied after sorting, get-trace paging (including beyond 10,000 spans), dependencies
// and error reporting.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "backend/common/metrics.hpp"
#include "backend/esutil/civil_time.hpp"
#include "backend/storage/elasticsearch/es_dependency_reader.hpp"
#include "backend/storage/elasticsearch/es_span_reader.hpp"
#include "backend/storage/elasticsearch/es_span_writer.hpp"
#include "tests/es/es_test_support.hpp"

namespace peregrine::storage::elasticsearch {
namespace {

using namespace std::chrono_literals;
using estest::EsDoubleProcess;
using model::KeyValue;

constexpr int64_t kMinuteUs = 60'000'000LL;

struct Store {
  explicit Store(EsDoubleProcess& es, EsStorageOptions base = {}) : opts(std::move(base)) {
    opts.client.servers = {es.url()};
    http = std::make_shared<esutil::EsHttpClient>(opts.client);
    writer = std::make_unique<EsSpanWriter>(opts, http, metrics);
    reader = std::make_unique<EsSpanReader>(opts, http);
    deps = std::make_unique<EsDependencyReader>(opts, http);
  }
  EsStorageOptions opts;
  common::MetricsRegistry metrics;
  std::shared_ptr<esutil::EsHttpClient> http;
  std::unique_ptr<EsSpanWriter> writer;
  std::unique_ptr<EsSpanReader> reader;
  std::unique_ptr<EsDependencyReader> deps;
};

std::set<uint64_t> trace_lows(const std::vector<model::Trace>& traces) {
  std::set<uint64_t> out;
  for (const auto& t : traces) out.insert(t.spans.at(0).trace_id.low);
  return out;
}

// Five traces over the last hour: frontend → backend calls with tags in various places.
void write_fixture(Store& s, int64_t now) {
  auto frontend = estest::process("frontend", {KeyValue::String("region", "eu"), KeyValue::String("host.name", "web-1")});
  auto backend = estest::process("backend", {KeyValue::String("region", "us")});
  model::SpanBatch batch;
  for (uint64_t t = 1; t <= 5; ++t) {
    const int64_t start = now - static_cast<int64_t>(6 - t) * 10 * kMinuteUs;  // trace 5 is the newest
    auto root = estest::make_span(t, t * 10, frontend, "GET /dispatch", start, static_cast<int64_t>(t) * 1000);
    root.tags = {KeyValue::String("http.method", "GET"), KeyValue::Int64("http.status_code", t == 3 ? 500 : 200),
                 KeyValue::String("span.kind", "server")};
    auto child = estest::make_span(t, t * 10 + 1, backend, t % 2 ? "query" : "update", start + 100, 500);
    child.references = {{child.trace_id, root.span_id, model::RefType::ChildOf}};
    child.logs = {model::Log{start + 200, {KeyValue::String("event", t == 2 ? "retry" : "done")}}};
    child.tags = {KeyValue::Bool("error", t == 4)};
    batch.push_back(root);
    batch.push_back(child);
  }
  s.writer->write_spans(batch);
}

TraceQuery query_since(int64_t now, const std::string& service) {
  TraceQuery q;
  q.service = service;
  q.start_time_min_us = now - 2 * 60 * kMinuteUs;
  q.start_time_max_us = now + kMinuteUs;
  return q;
}

TEST(EsReader, ServicesAndOperations) {
  EsDoubleProcess es;
  Store s(es);
  const int64_t now = estest::now_micros();
  write_fixture(s, now);
  EXPECT_EQ(s.reader->get_services(), (std::vector<std::string>{"backend", "frontend"}));
  EXPECT_EQ(s.reader->get_operations({"backend", ""}),
            (std::vector<Operation>{{"query", ""}, {"update", ""}}));
  EXPECT_EQ(s.reader->get_operations({"frontend", "server"}), (std::vector<Operation>{{"GET /dispatch", ""}}));
  EXPECT_TRUE(s.reader->get_operations({"nobody", ""}).empty());
}

TEST(EsReader, EmptyClusterAnswersEmpty) {
  EsDoubleProcess es;
  Store s(es);
  EXPECT_TRUE(s.reader->get_services().empty());
  EXPECT_TRUE(s.reader->find_traces(query_since(estest::now_micros(), "frontend")).empty());
  EXPECT_FALSE(s.reader->get_trace(model::TraceID{0, 1}).has_value());
  EXPECT_TRUE(s.deps->get_dependencies(estest::now_micros(), 3'600'000'000LL).empty());
}

TEST(EsReader, FindTracesByServiceOperationAndRanges) {
  EsDoubleProcess es;
  Store s(es);
  const int64_t now = estest::now_micros();
  write_fixture(s, now);

  auto all = s.reader->find_traces(query_since(now, "frontend"));
  ASSERT_EQ(all.size(), 5u);
  for (size_t i = 0; i + 1 < all.size(); ++i)  // newest first
    EXPECT_GT(all[i].spans[0].trace_id.low, all[i + 1].spans[0].trace_id.low);
  EXPECT_EQ(all[0].spans.size(), 2u);  // whole traces, including other services' spans

  auto q = query_since(now, "backend");
  q.operation = "update";
  EXPECT_EQ(trace_lows(s.reader->find_traces(q)), (std::set<uint64_t>{2, 4}));

  q = query_since(now, "frontend");
  q.duration_min_us = 2000;
  q.duration_max_us = 4000;
  EXPECT_EQ(trace_lows(s.reader->find_traces(q)), (std::set<uint64_t>{2, 3, 4}));

  q = query_since(now, "frontend");
  q.start_time_min_us = now - 25 * kMinuteUs;
  EXPECT_EQ(trace_lows(s.reader->find_traces(q)), (std::set<uint64_t>{4, 5}));

  q = query_since(now, "frontend");
  q.num_traces = 2;  // limit applies after ordering newest first
  EXPECT_EQ(trace_lows(s.reader->find_traces(q)), (std::set<uint64_t>{4, 5}));
  auto ids = s.reader->find_trace_ids(q);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0].low, 5u);
  EXPECT_EQ(ids[1].low, 4u);
}

TEST(EsReader, FindTracesByTagsAnywhere) {
  EsDoubleProcess es;
  Store s(es);
  const int64_t now = estest::now_micros();
  write_fixture(s, now);
  auto by_tags = [&](const std::string& service, std::map<std::string, std::string> tags) {
    auto q = query_since(now, service);
    q.tags = std::move(tags);
    return trace_lows(s.reader->find_traces(q));
  };
  EXPECT_EQ(by_tags("frontend", {{"http.status_code", "500"}}), (std::set<uint64_t>{3}));      // span tag (int)
  EXPECT_EQ(by_tags("backend", {{"error", "true"}}), (std::set<uint64_t>{4}));                 // span tag (bool)
  EXPECT_EQ(by_tags("backend", {{"event", "retry"}}), (std::set<uint64_t>{2}));               // log field
  EXPECT_EQ(by_tags("frontend", {{"host.name", "web-1"}}).size(), 5u);                        // process tag
  EXPECT_EQ(by_tags("frontend", {{"region", "us"}}), (std::set<uint64_t>{}));                 // other service's process
  EXPECT_EQ(by_tags("frontend", {{"http.method", "GET"}, {"http.status_code", "200"}}), (std::set<uint64_t>{1, 2, 4, 5}));
  EXPECT_EQ(by_tags("frontend", {{"http.method", "G.*"}}), (std::set<uint64_t>{}));            // exact, not regex
}

TEST(EsReader, FindTracesByTagsStoredAsFields) {
  EsDoubleProcess es;
  EsStorageOptions o;
  o.tags.all = true;
  Store s(es, o);
  const int64_t now = estest::now_micros();
  write_fixture(s, now);
  auto q = query_since(now, "frontend");
  q.tags = {{"http.status_code", "500"}};
  EXPECT_EQ(trace_lows(s.reader->find_traces(q)), (std::set<uint64_t>{3}));
  q.tags = {{"host.name", "web-1"}};
  EXPECT_EQ(s.reader->find_traces(q).size(), 5u);
  // Stored as fields, read back as typed tags with dots restored.
  auto trace = s.reader->get_trace(model::TraceID{0, 3});
  ASSERT_TRUE(trace.has_value());
  const auto& root = *std::find_if(trace->spans.begin(), trace->spans.end(), [](const model::Span& sp) { return sp.span_id == 30; });
  EXPECT_NE(std::find(root.tags.begin(), root.tags.end(), KeyValue::Int64("http.status_code", 500)), root.tags.end());
}

TEST(EsReader, GetTracePagesWithTiesAtPageBoundaries) {
  EsDoubleProcess es;
  EsStorageOptions o;
  o.max_doc_count = 7;  // page size 7: 23 spans need 4 pages
  Store s(es, o);
  const int64_t start = estest::now_micros() - kMinuteUs;
  model::SpanBatch batch;
  auto proc = estest::process("svc");
  for (uint64_t i = 1; i <= 23; ++i)  // groups of three spans share a start time
    batch.push_back(estest::make_span(42, i, proc, "op", start + static_cast<int64_t>(i / 3)));
  s.writer->write_spans(batch);
  auto trace = s.reader->get_trace(model::TraceID{0, 42});
  ASSERT_TRUE(trace.has_value());
  std::set<uint64_t> ids;
  for (const auto& sp : trace->spans) ids.insert(sp.span_id);
  EXPECT_EQ(trace->spans.size(), 23u);
  EXPECT_EQ(ids.size(), 23u);
  EXPECT_GE(es.request_count("msearch"), 4u);
}

TEST(EsReader, GetTraceBeyondTenThousandSpans) {
  EsDoubleProcess es;
  EsStorageOptions o;
  o.bulk.max_actions = 5000;
  Store s(es, o);
  const int64_t start = estest::now_micros() - kMinuteUs;
  auto proc = estest::process("big");
  model::SpanBatch batch;
  constexpr uint64_t kSpans = 10'050;
  for (uint64_t i = 1; i <= kSpans; ++i) batch.push_back(estest::make_span(77, i, proc, "op", start + static_cast<int64_t>(i % 5000)));
  s.writer->write_spans(batch);
  auto trace = s.reader->get_trace(model::TraceID{0, 77});
  ASSERT_TRUE(trace.has_value());
  EXPECT_EQ(trace->spans.size(), kSpans);
  // Spans share one Process object.
  EXPECT_EQ(trace->spans.front().process.get(), trace->spans.back().process.get());
}

TEST(EsReader, ReadsJaegerLegacyDocuments) {
  EsDoubleProcess es;
  Store s(es);
  const int64_t start = estest::now_micros() - kMinuteUs;
  s.writer->write_spans({estest::make_span(1, 1, estest::process("current"), "op", start)});  // templates installed
  const std::string index = "jaeger-span-" + esutil::format_rfc3339(start).substr(0, 10);
  // Written by Jaeger < 1.16: trace id without leading zeros, parentSpanID instead of references.
  const std::string doc = R"({"traceID":"1f","spanID":"2","parentSpanID":"1","operationName":"old","references":[],)"
                          R"("startTime":)" + std::to_string(start) + R"(,"startTimeMillis":)" + std::to_string(start / 1000) +
                          R"(,"duration":3,"tags":[],"logs":[],"process":{"serviceName":"legacy","tags":[]}})";
  auto r = es.raw("POST", "/_bulk", "{\"index\":{\"_index\":\"" + index + "\"}}\n" + doc + "\n", "application/x-ndjson");
  ASSERT_TRUE(r.ok()) << r.describe();
  auto trace = s.reader->get_trace(model::TraceID{0, 0x1f});
  ASSERT_TRUE(trace.has_value());
  ASSERT_EQ(trace->spans.size(), 1u);
  EXPECT_EQ(trace->spans[0].parent_span_id(), 1u);
  auto q = query_since(start + kMinuteUs, "legacy");
  auto ids = s.reader->find_trace_ids(q);
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(ids[0], (model::TraceID{0, 0x1f}));
}

TEST(EsReader, DependenciesInRangeAreSummed) {
  EsDoubleProcess es;
  Store s(es);
  const int64_t now = estest::now_micros();
  auto put = [&](int64_t ts, const std::string& deps) {
    const std::string index = "jaeger-dependencies-" + esutil::format_rfc3339(ts).substr(0, 10);
    const std::string doc = R"({"timestamp":")" + esutil::format_rfc3339(ts) + R"(","dependencies":)" + deps + "}";
    auto r = es.raw("POST", "/_bulk", "{\"index\":{\"_index\":\"" + index + "\"}}\n" + doc + "\n", "application/x-ndjson");
    ASSERT_TRUE(r.ok()) << r.describe();
  };
  put(now - 30 * kMinuteUs, R"([{"parent":"a","child":"b","callCount":3},{"parent":"b","child":"c","callCount":1}])");
  put(now - 10 * kMinuteUs, R"([{"parent":"a","child":"b","callCount":2}])");
  put(now - 300 * kMinuteUs, R"([{"parent":"old","child":"x","callCount":9}])");
  auto links = s.deps->get_dependencies(now, 60 * kMinuteUs);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].parent, "a");
  EXPECT_EQ(links[0].call_count, 5u);
  EXPECT_EQ(links[1].parent, "b");
  EXPECT_EQ(links[1].call_count, 1u);
}

TEST(EsReader, FailuresBecomeStorageErrors) {
  EsDoubleProcess es;
  Store s(es);
  es.faults({{"requests", {{{"match", "_search"}, {"status", 503}}}}});
  EXPECT_THROW(s.reader->get_services(), StorageError);
  EXPECT_THROW(s.reader->find_traces(query_since(estest::now_micros(), "x")), StorageError);
  es.faults({{"requests", {{{"match", "_msearch"}, {"drop", true}}}}});
  EXPECT_THROW(s.reader->get_trace(model::TraceID{0, 1}), StorageError);
}

TEST(EsReader, ReadsThroughAliases) {
  EsDoubleProcess es;
  EsStorageOptions o;
  o.use_aliases = true;
  o.index_prefix = "prod";
  Store s(es, o);
  EXPECT_EQ(s.reader->span_read_indices(0, 1), (std::vector<std::string>{"prod-jaeger-span-read"}));
  EXPECT_EQ(s.reader->service_read_indices(), (std::vector<std::string>{"prod-jaeger-service-read"}));
  EXPECT_EQ(s.deps->read_indices(0, 1), (std::vector<std::string>{"prod-jaeger-dependencies-read"}));
}

}  // namespace
}  // namespace peregrine::storage::elasticsearch
