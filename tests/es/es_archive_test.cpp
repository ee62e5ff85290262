// Jaeger's trace archive on Elasticsearch against the double: the es-archive.* flag family (same options as es.*,
// plus es-archive.enabled, ES_ARCHIVE_* environment), the archive writer's "[prefix-]jaeger-span-archive" index
// without service documents, the archive reader finding traces of any age there, and the
// "jaeger-span-archive-write" / "-read" aliases with es-archive.use-aliases.
#include <gtest/gtest.h>

#include <algorithm>

#include "backend/common/config.hpp"
#include "backend/common/metrics.hpp"
#include "backend/storage/elasticsearch/es_storage.hpp"
#include "tests/es/es_test_support.hpp"

namespace peregrine::storage::elasticsearch {
namespace {

using estest::EsDoubleProcess;

constexpr int64_t kDayUs = 24LL * 3600 * 1'000'000;

common::Config archive_flags(std::vector<std::string> args, const std::map<std::string, std::string>& env = {}) {
  common::Config cfg;
  define_es_flags(cfg);
  args.insert(args.begin(), "binary");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  cfg.parse(static_cast<int>(argv.size()), argv.data(), env);
  return cfg;
}

// A two-span trace that started `age_us` ago.
model::SpanBatch old_trace(uint64_t trace_low, int64_t age_us) {
  const int64_t start = estest::now_micros() - age_us;
  auto root = estest::make_span(trace_low, 1, estest::process("frontend"), "GET /", start);
  auto child = estest::make_span(trace_low, 2, estest::process("backend"), "query", start + 10);
  child.references = {{child.trace_id, 1, model::RefType::ChildOf}};
  return {root, child};
}

bool has_index_starting_with(EsDoubleProcess& es, const std::string& prefix) {
  auto names = es.index_names();
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return n.rfind(prefix, 0) == 0; });
}

TEST(EsArchiveFlags, SameOptionsAsEsUnderTheirOwnNames) {
  auto cfg = archive_flags({"--es-archive.enabled=true", "--es-archive.index-prefix=arch", "--es.index-prefix=prod",
                            "--es-archive.max-doc-count=50"},
                           {{"ES_ARCHIVE_NUM_SHARDS", "3"}});
  EXPECT_TRUE(es_archive_enabled(cfg));
  const auto archive = es_options_from_config(cfg, kArchiveNamespace);
  const auto primary = es_options_from_config(cfg);
  EXPECT_TRUE(archive.archive);
  EXPECT_FALSE(primary.archive);
  EXPECT_EQ(archive.index_prefix, "arch");
  EXPECT_EQ(primary.index_prefix, "prod");
  EXPECT_EQ(archive.max_doc_count, 50);
  EXPECT_EQ(primary.max_doc_count, 10000);
  EXPECT_EQ(archive.num_shards, 3);
  EXPECT_EQ(primary.num_shards, 5);
  // Defaults are Jaeger's es.* defaults; the archive is off unless enabled.
  EXPECT_FALSE(es_archive_enabled(archive_flags({})));
  EXPECT_EQ(es_options_from_config(archive_flags({}), kArchiveNamespace).client.servers,
            (std::vector<std::string>{"http://127.0.0.1:9200"}));
}

TEST(EsArchiveFlags, ErrorsNameTheArchiveFlags) {
  try {
    es_options_from_config(archive_flags({"--es-archive.use-ilm=true"}), kArchiveNamespace);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "--es-archive.use-ilm requires --es-archive.use-aliases to be set to true");
  }
}

TEST(EsArchiveFlags, TlsOptionsAreTheArchivesOwn) {
  auto cfg = archive_flags({"--es-archive.enabled=true", "--es-archive.tls.enabled=true", "--es-archive.tls.ca=/ca.pem",
                            "--es-archive.tls.server-name=archive.example"});
  const auto archive = es_options_from_config(cfg, kArchiveNamespace);
  EXPECT_TRUE(archive.client.tls.enabled);
  EXPECT_EQ(archive.client.tls.ca_path, "/ca.pem");
  EXPECT_EQ(archive.client.tls.server_name, "archive.example");
  EXPECT_FALSE(es_options_from_config(cfg).client.tls.enabled);
  try {
    es_options_from_config(archive_flags({"--es-archive.tls.ca=/ca.pem"}), kArchiveNamespace);
    FAIL() << "expected a ConfigError";
  } catch (const common::ConfigError& e) {
    EXPECT_STREQ(e.what(), "es-archive.tls.* options cannot be used when es-archive.tls.enabled is false");
  }
}

TEST(EsArchiveStorage, OnlyWhenEnabled) {
  common::MetricsRegistry metrics;
  EXPECT_FALSE(make_es_storage(archive_flags({}), metrics).archive.available());
  EXPECT_TRUE(make_es_storage(archive_flags({"--es-archive.enabled=true"}), metrics).archive.available());
  // A collector asks for none: it would only sit idle.
  EXPECT_FALSE(make_es_storage(archive_flags({"--es-archive.enabled=true"}), metrics, false).archive.available());
}

TEST(EsArchiveStorage, WritesTheArchiveIndexAndReadsAnyAge) {
  EsDoubleProcess es;
  common::MetricsRegistry metrics;
  auto bundle = make_es_storage(
      archive_flags({"--es.server-urls=" + es.url(), "--es-archive.enabled=true", "--es-archive.server-urls=" + es.url(),
                     "--es-archive.index-prefix=arch"}),
      metrics);
  ASSERT_TRUE(bundle.archive.available());
  // 30 days old: far beyond es-archive.max-span-age (72h), which the archive does not apply.
  bundle.archive.writer->write_spans(old_trace(7, 30 * kDayUs));
  EXPECT_EQ(es.docs("arch-jaeger-span-archive").size(), 2u);
  EXPECT_FALSE(has_index_starting_with(es, "arch-jaeger-service-"));  // no service documents in the archive
  EXPECT_FALSE(has_index_starting_with(es, "jaeger-span-"));         // nothing in the primary's indices

  auto trace = bundle.archive.reader->get_trace(model::TraceID{0, 7});
  ASSERT_TRUE(trace);
  EXPECT_EQ(trace->spans.size(), 2u);
  EXPECT_FALSE(bundle.reader->get_trace(model::TraceID{0, 7}));  // the primary reader does not see the archive
  EXPECT_FALSE(bundle.archive.reader->get_trace(model::TraceID{0, 8}));
}

TEST(EsArchiveStorage, ReadWriteAliases) {
  EsDoubleProcess es;
  es.create_index("jaeger-span-archive-000001", estest::now_millis(),
                  nlohmann::json{{"jaeger-span-archive-write", {{"is_write_index", true}}},
                                 {"jaeger-span-archive-read", nlohmann::json::object()}});
  common::MetricsRegistry metrics;
  EsStorageOptions opts;
  opts.client.servers = {es.url()};
  opts.use_aliases = true;
  auto archive = make_es_archive_storage_from_options(opts, metrics);
  archive.writer->write_spans(old_trace(9, kDayUs));
  EXPECT_EQ(es.docs("jaeger-span-archive-000001").size(), 2u);
  auto trace = archive.reader->get_trace(model::TraceID{0, 9});
  ASSERT_TRUE(trace);
  EXPECT_EQ(trace->spans.size(), 2u);
}

}  // namespace
}  // namespace peregrine::storage::elasticsearch
