// peregrine-es-index-cleaner and peregrine-es-rollover as processes against the Elasticsearch double: Jaeger's
// arguments, flags and environment variables, which indices are deleted (pattern, creation date, never one
// holding a write alias), empty clusters, init / rollover / lookback alias management, and services that stay
// listed across a rollover.
#include <gtest/gtest.h>

#include <algorithm>

#include "backend/common/metrics.hpp"
#include "backend/esutil/civil_time.hpp"
#include "backend/esutil/indices_client.hpp"
#include "backend/storage/elasticsearch/es_span_reader.hpp"
#include "backend/storage/elasticsearch/es_span_writer.hpp"
#include "tests/es/es_test_support.hpp"

namespace peregrine::estest {
namespace {

constexpr int64_t kDayMs = 86'400'000LL;

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

ToolResult cleaner(EsDoubleProcess& es, std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
  std::vector<std::string> argv{PEREGRINE_ES_CLEANER_BIN};
  for (auto& a : args) argv.push_back(a == "URL" ? es.url() : a);
  return run_tool(argv, env);
}

ToolResult rollover(EsDoubleProcess& es, std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
  std::vector<std::string> argv{PEREGRINE_ES_ROLLOVER_BIN};
  for (auto& a : args) argv.push_back(a == "URL" ? es.url() : a);
  return run_tool(argv, env);
}

TEST(EsIndexCleaner, EmptyClusterIsHarmless) {
  EsDoubleProcess es;
  auto r = cleaner(es, {"0", "URL"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(es.request_count("delete_index"), 0u);
}

TEST(EsIndexCleaner, DeletesOldDailyIndicesButNeverWriteIndices) {
  EsDoubleProcess es;
  const int64_t old = now_millis() - 10 * kDayMs;
  es.create_index("jaeger-span-2020-01-01", old);
  es.create_index("jaeger-service-2020-01-01", old);
  es.create_index("jaeger-dependencies-2020-01-01", old);
  es.create_index("jaeger-span-2020-01-01-13", old);
  es.create_index("jaeger-span-2020-01-02", old, {{"jaeger-span-write", {{"is_write_index", true}}}});
  es.create_index("jaeger-span-000001", old, {{"jaeger-span-read", nlohmann::json::object()}});
  es.create_index("jaeger-span-2099-01-01", now_millis());
  es.create_index("other-2020-01-01", old);
  auto r = cleaner(es, {"3", "URL"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto names = es.index_names();
  EXPECT_EQ(names, (std::vector<std::string>{"jaeger-span-000001", "jaeger-span-2020-01-02", "jaeger-span-2099-01-01",
                                             "other-2020-01-01"}));
  // Jaeger's cleaner counts from tomorrow's midnight: with 0 days everything older than tomorrow goes.
  r = cleaner(es, {"0", "URL"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_FALSE(contains(es.index_names(), "jaeger-span-2099-01-01"));
}

TEST(EsIndexCleaner, RolloverArchivePrefixAndSeparatorFromEnvironment) {
  EsDoubleProcess es;
  const int64_t old = now_millis() - 10 * kDayMs;
  es.create_index("jaeger-span-000001", old, {{"jaeger-span-read", nlohmann::json::object()}});
  es.create_index("jaeger-span-000002", old, {{"jaeger-span-write", {{"is_write_index", true}}}});
  es.create_index("prod-jaeger-span-archive-000001", old);
  es.create_index("prod-jaeger-span-2020.01.01", old);
  es.create_index("prod-jaeger-span-2020-01-01", old);

  auto r = cleaner(es, {"1", "URL"}, {{"ROLLOVER", "true"}});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_FALSE(contains(es.index_names(), "jaeger-span-000001"));
  EXPECT_TRUE(contains(es.index_names(), "jaeger-span-000002"));

  r = cleaner(es, {"1", "URL"}, {{"INDEX_PREFIX", "prod"}, {"ARCHIVE", "true"}});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_FALSE(contains(es.index_names(), "prod-jaeger-span-archive-000001"));

  r = cleaner(es, {"--index-prefix=prod", "--index-date-separator=.", "1", "URL"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_FALSE(contains(es.index_names(), "prod-jaeger-span-2020.01.01"));
  EXPECT_TRUE(contains(es.index_names(), "prod-jaeger-span-2020-01-01"));
}

TEST(EsIndexCleaner, CredentialsAndErrors) {
  EsDoubleProcess es({"--basic-auth=elastic:secret"});
  es.create_index("jaeger-span-2020-01-01", now_millis() - 10 * kDayMs);
  auto denied = cleaner(es, {"1", "URL"});
  EXPECT_EQ(denied.exit_code, 1);
  EXPECT_NE(denied.output.find("401"), std::string::npos) << denied.output;
  auto ok = cleaner(es, {"1", "URL"}, {{"ES_USERNAME", "elastic"}, {"ES_PASSWORD", "secret"}});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_TRUE(es.index_names().empty());
  EXPECT_EQ(cleaner(es, {"URL"}).exit_code, 2);
  EXPECT_EQ(cleaner(es, {"-3", "URL"}).exit_code, 2);
  EXPECT_EQ(cleaner(es, {"abc", "URL"}).exit_code, 2);
  EXPECT_EQ(run_tool({PEREGRINE_ES_CLEANER_BIN, "1", "http://127.0.0.1:1"}).exit_code, 1);
}

TEST(EsRollover, InitIsIdempotentAndCreatesTemplatesIndicesAndAliases) {
  EsDoubleProcess es;
  auto r = rollover(es, {"init", "URL"}, {{"SHARDS", "3"}, {"REPLICAS", "0"}});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = rollover(es, {"init", "URL"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto stats = es.stats();
  for (const char* kind : {"span", "service", "dependencies"}) {
    const std::string name = std::string("jaeger-") + kind;
    ASSERT_TRUE(stats["indices"].contains(name + "-000001")) << name;
    auto aliases = stats["indices"][name + "-000001"]["aliases"];
    EXPECT_EQ(aliases[name + "-write"]["is_write_index"], true);
    EXPECT_TRUE(aliases.contains(name + "-read"));
    EXPECT_TRUE(stats["templates"].contains(name));
  }
  EXPECT_EQ(stats["templates"]["jaeger-span"]["settings"]["index.number_of_shards"], 5);  // second init: defaults
  EXPECT_EQ(stats["indices"].size(), 3u);
}

TEST(EsRollover, RolloverHonoursConditionsAndMovesAliases) {
  EsDoubleProcess es;
  ASSERT_EQ(rollover(es, {"init", "URL", "--skip-dependencies"}).exit_code, 0);
  auto r = rollover(es, {"rollover", "URL", "--skip-dependencies"}, {{"CONDITIONS", R"({"max_docs": 1})"}});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_FALSE(es.stats()["indices"].contains("jaeger-span-000002"));  // condition not met
  auto w = es.raw("POST", "/_bulk", "{\"index\":{\"_index\":\"jaeger-span-write\"}}\n{\"traceID\":\"1\"}\n", "application/x-ndjson");
  ASSERT_TRUE(w.ok()) << w.describe();
  r = rollover(es, {"rollover", "URL", "--skip-dependencies", "--conditions", R"({"max_docs": 1})"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto indices = es.stats()["indices"];
  ASSERT_TRUE(indices.contains("jaeger-span-000002"));
  EXPECT_FALSE(indices.contains("jaeger-service-000002"));  // its index was empty
  EXPECT_EQ(indices["jaeger-span-000001"]["aliases"]["jaeger-span-write"]["is_write_index"], false);
  EXPECT_EQ(indices["jaeger-span-000002"]["aliases"]["jaeger-span-write"]["is_write_index"], true);
  EXPECT_TRUE(indices["jaeger-span-000001"]["aliases"].contains("jaeger-span-read"));
  EXPECT_TRUE(indices["jaeger-span-000002"]["aliases"].contains("jaeger-span-read"));
  // The rolled-over index no longer holds the write alias (is_write_index=false): the cleaner may delete it, never
  // the current write indices.
  r = cleaner(es, {"--rollover", "0", "URL"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(es.index_names(), (std::vector<std::string>{"jaeger-service-000001", "jaeger-span-000002"}));
}

TEST(EsRollover, LookbackRemovesOldIndicesFromReadAliasOnly) {
  EsDoubleProcess es;
  const int64_t old = now_millis() - 3 * kDayMs;
  es.create_index("jaeger-span-000001", old, {{"jaeger-span-read", nlohmann::json::object()}, {"jaeger-span-write", {{"is_write_index", false}}}});
  es.create_index("jaeger-span-000002", old, {{"jaeger-span-read", nlohmann::json::object()}, {"jaeger-span-write", {{"is_write_index", true}}}});
  es.create_index("jaeger-span-000003", now_millis(), {{"jaeger-span-read", nlohmann::json::object()}});
  auto r = rollover(es, {"lookback", "URL"}, {{"UNIT", "days"}, {"UNIT_COUNT", "1"}});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto indices = es.stats()["indices"];
  EXPECT_FALSE(indices["jaeger-span-000001"]["aliases"].contains("jaeger-span-read"));
  EXPECT_TRUE(indices["jaeger-span-000002"]["aliases"].contains("jaeger-span-read"));  // write index kept
  EXPECT_TRUE(indices["jaeger-span-000003"]["aliases"].contains("jaeger-span-read"));  // recent kept
  EXPECT_EQ(es.index_names().size(), 3u);  // lookback never deletes
}

TEST(EsRollover, ArchivePrefixIlmAndElasticsearch8) {
  EsDoubleProcess es({"--version=8.12.0"});
  auto r = rollover(es, {"init", "URL", "--archive", "--index-prefix=prod"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto stats = es.stats();
  ASSERT_TRUE(stats["indices"].contains("prod-jaeger-span-archive-000001"));
  EXPECT_TRUE(stats["indices"]["prod-jaeger-span-archive-000001"]["aliases"].contains("prod-jaeger-span-archive-write"));
  EXPECT_TRUE(stats["index_templates"].contains("prod-jaeger-span"));

  r = rollover(es, {"init", "URL", "--es.use-ilm", "--priority-span-template=9"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("jaeger-ilm-policy"), std::string::npos) << r.output;
  es.admin("POST", "/_double/policies/jaeger-ilm-policy");
  r = rollover(es, {"init", "URL", "--es.use-ilm", "--priority-span-template=9"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto tmpl = es.stats()["index_templates"]["jaeger-span"];
  EXPECT_EQ(tmpl["priority"], 9);
  EXPECT_EQ(tmpl["template"]["settings"]["lifecycle"]["rollover_alias"], "jaeger-span-write");
}

TEST(EsRollover, EmptyClusterAndBadArguments) {
  EsDoubleProcess es;
  EXPECT_EQ(rollover(es, {"lookback", "URL"}).exit_code, 0);
  auto r = rollover(es, {"rollover", "URL"});
  EXPECT_EQ(r.exit_code, 1);  // nothing to roll over: init first
  EXPECT_NE(r.output.find("jaeger-span-write"), std::string::npos) << r.output;
  EXPECT_EQ(rollover(es, {"explode", "URL"}).exit_code, 2);
  EXPECT_EQ(rollover(es, {"init"}).exit_code, 2);
}

TEST(EsRollover, ServicesStayListedAcrossRolloverAndLookback) {
  EsDoubleProcess es;
  ASSERT_EQ(rollover(es, {"init", "URL"}).exit_code, 0);
  storage::elasticsearch::EsStorageOptions opts;
  opts.client.servers = {es.url()};
  opts.use_aliases = true;
  auto http = std::make_shared<esutil::EsHttpClient>(opts.client);
  common::MetricsRegistry metrics;
  storage::elasticsearch::EsSpanWriter writer(opts, http, metrics);
  storage::elasticsearch::EsSpanReader reader(opts, http);
  auto proc = process("checkout");
  writer.write_spans({make_span(1, 1, proc, "pay", now_micros())});

  ASSERT_EQ(rollover(es, {"rollover", "URL"}, {{"CONDITIONS", "{}"}}).exit_code, 0);
  // The service keeps sending spans after the rollover.
  writer.write_spans({make_span(2, 1, proc, "pay", now_micros())});
  writer.write_spans({make_span(3, 1, proc, "pay", now_micros())});
  EXPECT_EQ(es.docs("jaeger-service-000002").size(), 1u);

  // Lookback takes the old indices out of the read aliases (as it will once they are old enough).
  esutil::IndicesClient client(*http);
  client.remove_aliases({{"jaeger-span-000001", "jaeger-span-read", false}, {"jaeger-service-000001", "jaeger-service-read", false}});
  EXPECT_EQ(reader.get_services(), (std::vector<std::string>{"checkout"}));
  EXPECT_EQ(reader.get_operations({"checkout", ""}), (std::vector<storage::Operation>{{"pay", ""}}));
}

}  // namespace
}  // namespace peregrine::estest
