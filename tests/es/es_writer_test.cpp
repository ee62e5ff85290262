// EsSpanWriter against the Elasticsearch double: Jaeger documents in daily indices, templates per backend
// version, batching of concurrent writers, retries and back-pressure under injected outages (nothing lost,
// nothing duplicated), authentication, aliases, lazy bootstrap and the jaeger_bulk_index_* metrics.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "backend/common/metrics.hpp"
#include "backend/esutil/indices_client.hpp"
#include "backend/esutil/rollover_actions.hpp"
#include "backend/storage/elasticsearch/document_id.hpp"
#include "backend/storage/elasticsearch/es_span_writer.hpp"
#include "backend/storage/elasticsearch/span_document.hpp"
#include "tests/es/es_test_support.hpp"

namespace peregrine::storage::elasticsearch {
namespace {

using namespace std::chrono_literals;
using estest::EsDoubleProcess;

constexpr int64_t kDayUs = 86'400'000'000LL;

EsStorageOptions options_for(const EsDoubleProcess& es) {
  EsStorageOptions o;
  o.client.servers = {es.url()};
  o.write_ack_timeout = 20s;
  return o;
}

model::SpanBatch batch_of(uint64_t trace, size_t n, int64_t start_us, const std::string& service = "svc",
                          const std::string& op = "op") {
  model::SpanBatch b;
  auto proc = estest::process(service, {model::KeyValue::String("host", "h1")});
  for (size_t i = 0; i < n; ++i) b.push_back(estest::make_span(trace, i + 1, proc, op, start_us + static_cast<int64_t>(i)));
  return b;
}

size_t total_docs(EsDoubleProcess& es, const std::string& prefix) {
  size_t n = 0;
  const auto stats = es.stats();
  for (auto& [name, idx] : stats["indices"].items())
    if (name.rfind(prefix, 0) == 0) n += idx["docs"].get<size_t>();
  return n;
}

TEST(EsWriter, WritesJaegerDocumentsToDailyIndices) {
  EsDoubleProcess es;
  common::MetricsRegistry metrics;
  auto opts = options_for(es);
  EsSpanWriter writer(opts, std::make_shared<esutil::EsHttpClient>(opts.client), metrics);
  const int64_t day1 = 1'704'153'600'000'000LL;  // 2024-01-02T00:00:00Z
  model::SpanBatch batch = batch_of(7, 2, day1 + 5);
  batch.push_back(estest::make_span(8, 9, estest::process("other"), "op2", day1 + kDayUs + 1));
  writer.write_spans(batch);

  auto docs = es.docs("jaeger-span-2024-01-02");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0]["raw"].get<std::string>(), span_document(batch[0], TagsAsFields{}));
  EXPECT_EQ(docs[0]["_id"].get<std::string>(), document_id(span_document(batch[0], TagsAsFields{})));
  ASSERT_EQ(es.docs("jaeger-span-2024-01-03").size(), 1u);

  auto services = es.docs("jaeger-service-2024-01-02");
  ASSERT_EQ(services.size(), 1u);  // one service:operation document, not one per span
  EXPECT_EQ(services[0]["raw"].get<std::string>(), R"({"serviceName":"svc","operationName":"op"})");
  EXPECT_EQ(services[0]["_id"].get<std::string>(), service_document_id("svc", "op"));
  ASSERT_EQ(es.docs("jaeger-service-2024-01-03").size(), 1u);

  auto stats = es.stats();
  EXPECT_TRUE(stats["templates"].contains("jaeger-span"));
  EXPECT_TRUE(stats["templates"].contains("jaeger-service"));
  EXPECT_TRUE(stats["templates"].contains("jaeger-dependencies"));
  EXPECT_EQ(stats["indices"]["jaeger-span-2024-01-02"]["settings"]["index.number_of_shards"], "5");

  // Writing the same spans again (a retried batch) overwrites them instead of duplicating.
  writer.write_spans(batch);
  EXPECT_EQ(es.docs("jaeger-span-2024-01-02").size(), 2u);
}

TEST(EsWriter, Elasticsearch8UsesComposableTemplatesWithPrefixAndPriority) {
  EsDoubleProcess es({"--version=8.12.0"});
  common::MetricsRegistry metrics;
  auto opts = options_for(es);
  opts.index_prefix = "prod";
  opts.priority_span_template = 11;
  opts.num_shards = 2;
  opts.span_layout = {".", esutil::RolloverFrequency::Hour};
  EsSpanWriter writer(opts, std::make_shared<esutil::EsHttpClient>(opts.client), metrics);
  const int64_t t = 1'704'153'600'000'000LL + 3 * 3'600'000'000LL;  // 2024-01-02T03:00Z
  writer.write_spans(batch_of(1, 1, t));
  auto stats = es.stats();
  ASSERT_TRUE(stats["index_templates"].contains("prod-jaeger-span"));
  EXPECT_EQ(stats["index_templates"]["prod-jaeger-span"]["priority"], 11);
  EXPECT_TRUE(stats["templates"].empty());
  ASSERT_TRUE(stats["indices"].contains("prod-jaeger-span-2024.01.02.03"));
  EXPECT_EQ(stats["indices"]["prod-jaeger-span-2024.01.02.03"]["settings"]["index.number_of_shards"], "2");
  EXPECT_TRUE(stats["indices"].contains("prod-jaeger-service-2024-01-02"));  // services rotate daily by default
}

TEST(EsWriter, OpenSearchUsesLegacyTemplates) {
  EsDoubleProcess es({"--distribution=opensearch", "--version=2.11.0"});
  common::MetricsRegistry metrics;
  auto opts = options_for(es);
  EsSpanWriter writer(opts, std::make_shared<esutil::EsHttpClient>(opts.client), metrics);
  writer.write_spans(batch_of(1, 1, estest::now_micros()));
  auto stats = es.stats();
  EXPECT_TRUE(stats["templates"].contains("jaeger-span"));
  EXPECT_TRUE(stats["index_templates"].empty());
}

TEST(EsWriter, SkipsTemplatesWhenDisabled) {
  EsDoubleProcess es;
  common::MetricsRegistry metrics;
  auto opts = options_for(es);
  opts.create_index_templates = false;
  opts.version = 7;
  EsSpanWriter writer(opts, std::make_shared<esutil::EsHttpClient>(opts.client), metrics);
  writer.write_spans(batch_of(1, 1, estest::now_micros()));
  EXPECT_TRUE(es.stats()["templates"].empty());
  EXPECT_EQ(es.request_count("root"), 0u);  // es.version given: no detection
}

TEST(EsWriter, BatchesConcurrentWritersWithoutLossOrDuplicates) {
  EsDoubleProcess es;
  common::MetricsRegistry metrics;
  auto opts = options_for(es);
  opts.bulk.max_actions = 100;
  opts.bulk.workers = 2;
  EsSpanWriter writer(opts, std::make_shared<esutil::EsHttpClient>(opts.client), metrics);
  const int64_t start = estest::now_micros();
  constexpr int kThreads = 8, kBatches = 25, kSpans = 20;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int b = 0; b < kBatches; ++b)
        writer.write_spans(batch_of(static_cast<uint64_t>(t * 1000 + b + 1), kSpans, start));
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(total_docs(es, "jaeger-span-"), static_cast<size_t>(kThreads * kBatches * kSpans));
  const uint64_t bulks = es.request_count("bulk");
  EXPECT_GE(bulks, static_cast<uint64_t>(kThreads * kBatches * kSpans / 100));
  EXPECT_LE(bulks, static_cast<uint64_t>(kThreads * kBatches));  // concurrent batches shared requests
  EXPECT_EQ(metrics.counter("jaeger_bulk_index_inserts_total", "").value(),
            static_cast<double>(es.stats()["requests"]["bulk_items"].get<uint64_t>()));
}

TEST(EsWriter, RetriesThroughAShortOutage) {
  EsDoubleProcess es;
  common::MetricsRegistry metrics;
  auto opts = options_for(es);
  EsSpanWriter writer(opts, std::make_shared<esutil::EsHttpClient>(opts.client), metrics);
  writer.write_spans(batch_of(1, 1, estest::now_micros()));  // bootstrap done
  es.faults({{"requests", {{{"match", "_bulk"}, {"status", 503}, {"count", 3}}}}});
  writer.write_spans(batch_of(2, 30, estest::now_micros()));
  es.faults({{"requests", {{{"match", "_bulk"}, {"drop", true}, {"count", 2}}}}});
  writer.write_spans(batch_of(3, 30, estest::now_micros()));
  es.faults({{"requests", {{{"match", "_bulk"}, {"status", 429}, {"count", 2}}}}});
  writer.write_spans(batch_of(4, 30, estest::now_micros()));
  EXPECT_EQ(total_docs(es, "jaeger-span-"), 91u);
  EXPECT_GE(es.stats()["requests"]["faulted"].get<uint64_t>(), 7u);
  EXPECT_GT(metrics.counter("jaeger_bulk_index_errors_total", "").value(), 0);
}

TEST(EsWriter, LongOutageBackPressuresAndLosesNothing) {
  EsDoubleProcess es;
  common::MetricsRegistry metrics;
  auto opts = options_for(es);
  opts.write_ack_timeout = 400ms;
  EsSpanWriter writer(opts, std::make_shared<esutil::EsHttpClient>(opts.client), metrics);
  es.faults({{"requests", {{{"match", "_bulk"}, {"status", 503}}}}});
  const auto batch = batch_of(5, 40, estest::now_micros());
  // The collector queue sees StorageError (and keeps the batch) for as long as the cluster is down.
  EXPECT_THROW(writer.write_spans(batch), StorageError);
  EXPECT_THROW(writer.write_spans(batch), StorageError);
  es.clear_faults();
  writer.write_spans(batch);  // the queue's retry
  EXPECT_EQ(total_docs(es, "jaeger-span-"), 40u);
}

TEST(EsWriter, SlowClusterBackPressuresAndResendIsIdempotent) {
  EsDoubleProcess es;
  common::MetricsRegistry metrics;
  auto opts = options_for(es);
  opts.write_ack_timeout = 300ms;
  EsSpanWriter writer(opts, std::make_shared<esutil::EsHttpClient>(opts.client), metrics);
  writer.write_spans(batch_of(1, 1, estest::now_micros()));
  es.faults({{"requests", {{{"match", "_bulk"}, {"delay_ms", 1200}, {"count", 1}}}}});
  const auto batch = batch_of(6, 25, estest::now_micros());
  EXPECT_THROW(writer.write_spans(batch), StorageError);  // not acknowledged in time
  // The collector queue resends until acknowledged; the slow request completes meanwhile.
  for (int attempt = 0;; ++attempt) {
    try {
      writer.write_spans(batch);
      break;
    } catch (const StorageError&) {
      ASSERT_LT(attempt, 100);
    }
  }
  EXPECT_EQ(total_docs(es, "jaeger-span-"), 26u);  // resent documents overwrote their first copies
}

TEST(EsWriter, RetriesRejectedDocumentsOnly) {
  EsDoubleProcess es;
  common::MetricsRegistry metrics;
  auto opts = options_for(es);
  EsSpanWriter writer(opts, std::make_shared<esutil::EsHttpClient>(opts.client), metrics);
  es.faults({{"items", {{"status", 429}, {"every", 3}, {"count", 10}}}});
  writer.write_spans(batch_of(9, 60, estest::now_micros()));
  EXPECT_EQ(total_docs(es, "jaeger-span-"), 60u);
  EXPECT_EQ(total_docs(es, "jaeger-service-"), 1u);
  EXPECT_EQ(metrics.counter("jaeger_bulk_index_errors_total", "").value(), 10);
  const std::string text = metrics.render();
  for (const char* name : {"jaeger_bulk_index_attempts_total", "jaeger_bulk_index_inserts_total",
                           "jaeger_bulk_index_errors_total", "jaeger_bulk_index_latency_ok_bucket"})
    EXPECT_NE(text.find(name), std::string::npos) << name;
}

TEST(EsWriter, PermanentRejectionsAreDroppedNotRetriedForever) {
  EsDoubleProcess es;
  common::MetricsRegistry metrics;
  auto opts = options_for(es);
  EsSpanWriter writer(opts, std::make_shared<esutil::EsHttpClient>(opts.client), metrics);
  es.faults({{"items", {{"status", 400}, {"type", "mapper_parsing_exception"}, {"every", 2}, {"count", 2}}}});
  writer.write_spans(batch_of(10, 4, estest::now_micros()));  // returns: nothing left to retry
  es.clear_faults();
  // 4 spans + 1 service document were sent; 2 of the 5 were rejected for good.
  EXPECT_EQ(total_docs(es, "jaeger-span-") + total_docs(es, "jaeger-service-"), 3u);
  writer.write_spans(batch_of(11, 1, estest::now_micros()));
}

TEST(EsWriter, BootstrapWaitsForTheCluster) {
  EsDoubleProcess es;
  common::MetricsRegistry metrics;
  auto opts = options_for(es);
  es.faults({{"requests", {{{"match", "/"}, {"drop", true}, {"count", 3}}}}});
  EsSpanWriter writer(opts, std::make_shared<esutil::EsHttpClient>(opts.client), metrics);
  writer.write_spans(batch_of(12, 3, estest::now_micros()));
  EXPECT_EQ(total_docs(es, "jaeger-span-"), 3u);
  EXPECT_TRUE(es.stats()["templates"].contains("jaeger-span"));
}

TEST(EsWriter, BasicAuthPasswordFileAndBearerToken) {
  EsDoubleProcess es({"--basic-auth=elastic:changeme", "--bearer-token=tok-123"});
  common::MetricsRegistry metrics;
  auto dir = estest::make_temp_dir("es-secrets");
  std::ofstream((dir / "password").string()) << "changeme\n";
  std::ofstream((dir / "token").string()) << "tok-123\n";

  auto opts = options_for(es);
  opts.client.username = "elastic";
  opts.client.password = "changeme";
  EsSpanWriter with_password(opts, std::make_shared<esutil::EsHttpClient>(opts.client), metrics);
  with_password.write_spans(batch_of(1, 1, estest::now_micros()));

  auto file_opts = options_for(es);
  file_opts.client.username = "elastic";
  file_opts.client.password_file = (dir / "password").string();
  EsSpanWriter with_file(file_opts, std::make_shared<esutil::EsHttpClient>(file_opts.client), metrics);
  with_file.write_spans(batch_of(2, 1, estest::now_micros()));

  auto token_opts = options_for(es);
  token_opts.client.token_file = (dir / "token").string();
  EsSpanWriter with_token(token_opts, std::make_shared<esutil::EsHttpClient>(token_opts.client), metrics);
  with_token.write_spans(batch_of(3, 1, estest::now_micros()));
  EXPECT_EQ(total_docs(es, "jaeger-span-"), 3u);

  auto wrong = options_for(es);
  wrong.client.username = "elastic";
  wrong.client.password = "nope";
  wrong.write_ack_timeout = 300ms;
  EsSpanWriter unauthorized(wrong, std::make_shared<esutil::EsHttpClient>(wrong.client), metrics);
  try {
    unauthorized.write_spans(batch_of(4, 1, estest::now_micros()));
    FAIL() << "expected StorageError";
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("401"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(EsWriter, WritesThroughRolloverAliases) {
  EsDoubleProcess es;
  common::MetricsRegistry metrics;
  {
    esutil::EsClientOptions co;
    co.servers = {es.url()};
    esutil::EsHttpClient http(co);
    esutil::IndicesClient client(http);
    esutil::rollover_init(client, http, esutil::RolloverConfig{});
  }
  auto opts = options_for(es);
  opts.use_aliases = true;
  EsSpanWriter writer(opts, std::make_shared<esutil::EsHttpClient>(opts.client), metrics);
  writer.write_spans(batch_of(1, 5, estest::now_micros()));
  EXPECT_EQ(es.docs("jaeger-span-000001").size(), 5u);
  EXPECT_EQ(es.docs("jaeger-service-000001").size(), 1u);
  EXPECT_EQ(writer.span_index_for(0), "jaeger-span-write");
}

}  // namespace
}  // namespace peregrine::storage::elasticsearch
