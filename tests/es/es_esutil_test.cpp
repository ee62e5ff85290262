// Pure Elasticsearch helpers: UTC calendar math, index names and read ranges, backend version detection,
// index templates, es-index-cleaner selection, es-rollover lookback reference times, bulk response reading
// and the reader's query bodies.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "backend/esutil/backend_version.hpp"
#include "backend/esutil/civil_time.hpp"
#include "backend/esutil/index_cleaner.hpp"
#include "backend/esutil/index_names.hpp"
#include "backend/esutil/index_templates.hpp"
#include "backend/esutil/rollover_actions.hpp"
#include "backend/storage/elasticsearch/bulk_response.hpp"
#include "backend/storage/elasticsearch/es_queries.hpp"

namespace peregrine::esutil {
namespace {

constexpr int64_t kDayUs = 86'400'000'000LL;
constexpr int64_t kHourUs = 3'600'000'000LL;
constexpr int64_t kDayMs = 86'400'000LL;

int64_t at(int64_t y, int m, int d, int hh = 0, int mm = 0, int ss = 0) {
  CivilTime t;
  t.year = y;
  t.month = m;
  t.day = d;
  t.hour = hh;
  t.minute = mm;
  t.second = ss;
  return unix_micros_from_civil(t);
}

TEST(CivilTime, RoundTripsAndFormats) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
  const int64_t t = at(2024, 2, 29, 23, 59, 58) + 123400;
  CivilTime c = civil_from_unix_micros(t);
  EXPECT_EQ(c.year, 2024);
  EXPECT_EQ(c.month, 2);
  EXPECT_EQ(c.day, 29);
  EXPECT_EQ(c.micros, 123400);
  EXPECT_EQ(format_rfc3339(t), "2024-02-29T23:59:58.1234Z");
  EXPECT_EQ(format_rfc3339(at(2024, 1, 2, 3, 4, 5)), "2024-01-02T03:04:05Z");
  int64_t parsed = 0;
  ASSERT_TRUE(parse_rfc3339("2024-02-29T23:59:58.1234Z", &parsed));
  EXPECT_EQ(parsed, t);
  ASSERT_TRUE(parse_rfc3339("2024-01-02T05:04:05+02:00", &parsed));
  EXPECT_EQ(parsed, at(2024, 1, 2, 3, 4, 5));
  EXPECT_FALSE(parse_rfc3339("2024-01-02", &parsed));
  EXPECT_EQ(civil_from_unix_micros(-1).year, 1969);
}

TEST(IndexNames, PrefixAndDates) {
  EXPECT_EQ(apply_index_prefix("", "jaeger-span-"), "jaeger-span-");
  EXPECT_EQ(apply_index_prefix("prod", "jaeger-span-"), "prod-jaeger-span-");
  EXPECT_EQ(apply_index_prefix("prod-", "jaeger-span-"), "prod-jaeger-span-");
  const int64_t t = at(2024, 1, 2, 15, 30);
  EXPECT_EQ(index_with_date("jaeger-span-", t, DateLayout{}), "jaeger-span-2024-01-02");
  EXPECT_EQ(index_with_date("jaeger-span-", t, DateLayout{".", RolloverFrequency::Day}), "jaeger-span-2024.01.02");
  EXPECT_EQ(index_with_date("jaeger-span-", t, DateLayout{"-", RolloverFrequency::Hour}), "jaeger-span-2024-01-02-15");
  EXPECT_EQ(parse_rollover_frequency("Hour"), RolloverFrequency::Hour);
  EXPECT_THROW(parse_rollover_frequency("week"), std::invalid_argument);
}

TEST(IndexNames, TimeRangeNewestFirstByPeriod) {
  const int64_t end = at(2024, 1, 3, 1);
  EXPECT_EQ(time_range_indices("s-", DateLayout{}, end - 2 * kDayUs, end),
            (std::vector<std::string>{"s-2024-01-03", "s-2024-01-02", "s-2024-01-01"}));
  // Hourly indices: every hour is covered (Jaeger's 24h stepping would skip them).
  EXPECT_EQ(time_range_indices("s-", DateLayout{"-", RolloverFrequency::Hour}, end - 2 * kHourUs, end),
            (std::vector<std::string>{"s-2024-01-03-01", "s-2024-01-03-00", "s-2024-01-02-23"}));
  EXPECT_EQ(time_range_indices("s-", DateLayout{}, end, end - kDayUs), (std::vector<std::string>{"s-2024-01-03"}));
  EXPECT_EQ(time_range_indices("s-", DateLayout{}, 0, end), (std::vector<std::string>{"s-*"}));
  EXPECT_EQ(with_remote_clusters({"a", "b"}, {"c1"}), (std::vector<std::string>{"a", "b", "c1:a", "c1:b"}));
}

TEST(BackendVersion, DetectsElasticsearchAndOpenSearch) {
  auto es8 = parse_root_response(R"({"version":{"number":"8.12.0","build_flavor":"default"},"tagline":"You Know, for Search"})");
  EXPECT_EQ(es8.major, 8);
  EXPECT_FALSE(es8.opensearch);
  EXPECT_TRUE(es8.uses_index_template_api());
  auto os2 = parse_root_response(R"({"version":{"distribution":"opensearch","number":"2.11.0"},"tagline":"The OpenSearch Project: https://opensearch.org/"})");
  EXPECT_TRUE(os2.opensearch);
  EXPECT_EQ(os2.template_version(), 7);
  EXPECT_FALSE(os2.uses_index_template_api());
  EXPECT_THROW(parse_root_response(R"({"version":{"number":"6.8.0"}})"), std::invalid_argument);
  EXPECT_THROW(parse_root_response("not json"), std::invalid_argument);
  EXPECT_EQ(version_from_flag(7).template_version(), 7);
  EXPECT_THROW(version_from_flag(6), std::invalid_argument);
}

TEST(IndexTemplates, ShapesPerVersion) {
  TemplateParams p;
  p.index_prefix = "prod";
  p.shards = 3;
  p.replicas = 0;
  p.priority = 7;
  BackendVersion es7;
  es7.major = 7;
  BackendVersion es8;
  es8.major = 8;
  auto t7 = nlohmann::json::parse(render_index_template(TemplateKind::Span, p, es7));
  EXPECT_EQ(t7["index_patterns"], "*prod-jaeger-span-*");
  EXPECT_EQ(t7["settings"]["index.number_of_shards"], 3);
  EXPECT_EQ(t7["settings"]["index.number_of_replicas"], 0);
  EXPECT_EQ(t7["mappings"]["properties"]["tags"]["type"], "nested");
  EXPECT_EQ(t7["mappings"]["properties"]["startTimeMillis"]["format"], "epoch_millis");
  EXPECT_FALSE(t7.contains("priority"));
  auto t8 = nlohmann::json::parse(render_index_template(TemplateKind::Service, p, es8));
  EXPECT_EQ(t8["priority"], 7);
  EXPECT_EQ(t8["index_patterns"], "prod-jaeger-service-*");
  EXPECT_EQ(t8["template"]["mappings"]["properties"]["serviceName"]["type"], "keyword");
  EXPECT_EQ(template_endpoint("prod-jaeger-span", es8), "/_index_template/prod-jaeger-span");
  EXPECT_EQ(template_endpoint("prod-jaeger-span", es7), "/_template/prod-jaeger-span");
  EXPECT_EQ(template_name(TemplateKind::Dependencies, "prod"), "prod-jaeger-dependencies");
  p.use_ilm = true;
  auto ilm = nlohmann::json::parse(render_index_template(TemplateKind::Span, p, es7));
  EXPECT_TRUE(ilm["aliases"].contains("prod-jaeger-span-read"));
  EXPECT_EQ(ilm["settings"]["lifecycle"]["rollover_alias"], "prod-jaeger-span-write");
  BackendVersion os;
  os.major = 2;
  os.opensearch = true;
  auto ism = nlohmann::json::parse(render_index_template(TemplateKind::Span, p, os));
  EXPECT_EQ(ism["settings"]["plugins.index_state_management.rollover_alias"], "prod-jaeger-span-write");
}

IndexInfo idx(std::string name, int64_t created_ms, std::set<std::string> aliases = {},
              std::set<std::string> non_write = {}) {
  return IndexInfo{std::move(name), created_ms, std::move(aliases), std::move(non_write)};
}

TEST(IndexCleaner, CutoffIsTomorrowMidnightMinusDays) {
  const int64_t now = at(2024, 1, 10, 15) / 1000;
  EXPECT_EQ(deletion_cutoff_ms(now, 0), at(2024, 1, 11) / 1000);
  EXPECT_EQ(deletion_cutoff_ms(now, 2), at(2024, 1, 9) / 1000);
}

TEST(IndexCleaner, SelectsByPatternDateAndWriteAlias) {
  const int64_t old = 1000, cutoff = 5 * kDayMs;
  std::vector<IndexInfo> all{idx("jaeger-span-2024-01-01", old),
                             idx("jaeger-service-2024-01-01", old),
                             idx("jaeger-dependencies-2024-01-01", old),
                             idx("jaeger-span-2024-01-01-13", old),
                             idx("jaeger-span-2024-01-09", cutoff + 1),
                             idx("jaeger-span-000001", old, {"jaeger-span-read"}),
                             idx("jaeger-span-000002", old, {"jaeger-span-write"}),
                             idx("jaeger-span-000003", old, {"jaeger-span-write"}, {"jaeger-span-write"}),
                             idx("jaeger-span-archive-000001", old),
                             idx("prod-jaeger-span-2024-01-01", old),
                             idx("other-index", old)};
  auto names = [](const std::vector<IndexInfo>& v) {
    std::vector<std::string> out;
    for (const auto& i : v) out.push_back(i.name);
    return out;
  };
  EXPECT_EQ(names(indices_to_delete(all, CleanerOptions{}, cutoff)),
            (std::vector<std::string>{"jaeger-span-2024-01-01", "jaeger-service-2024-01-01",
                                      "jaeger-dependencies-2024-01-01", "jaeger-span-2024-01-01-13"}));
  CleanerOptions rollover;
  rollover.rollover = true;
  // A rolled-over index keeps the write alias with is_write_index=false: it no longer holds it.
  EXPECT_EQ(names(indices_to_delete(all, rollover, cutoff)),
            (std::vector<std::string>{"jaeger-span-000001", "jaeger-span-000003"}));
  CleanerOptions archive;
  archive.archive = true;
  EXPECT_EQ(names(indices_to_delete(all, archive, cutoff)), (std::vector<std::string>{"jaeger-span-archive-000001"}));
  CleanerOptions prefixed;
  prefixed.index_prefix = "prod";
  EXPECT_EQ(names(indices_to_delete(all, prefixed, cutoff)), (std::vector<std::string>{"prod-jaeger-span-2024-01-01"}));
  CleanerOptions dotted;
  dotted.date_separator = ".";
  EXPECT_TRUE(indices_to_delete(all, dotted, cutoff).empty());
  EXPECT_EQ(names(indices_to_delete({idx("jaeger-span-2024.01.01", old)}, dotted, cutoff)),
            (std::vector<std::string>{"jaeger-span-2024.01.01"}));
}

TEST(Rollover, IndexSetsAndLookbackReference) {
  auto sets = rollover_index_sets(false, "p-", false);
  ASSERT_EQ(sets.size(), 3u);
  EXPECT_EQ(sets[0].write_alias(), "p-jaeger-span-write");
  EXPECT_EQ(sets[1].read_alias(), "p-jaeger-service-read");
  EXPECT_EQ(sets[2].initial_index(), "p-jaeger-dependencies-000001");
  EXPECT_EQ(rollover_index_sets(false, "", true).size(), 2u);
  auto archive = rollover_index_sets(true, "", false);
  ASSERT_EQ(archive.size(), 1u);
  EXPECT_EQ(archive[0].name, "jaeger-span-archive");
  EXPECT_EQ(archive[0].template_kind, TemplateKind::Span);

  const int64_t now = at(2024, 3, 31, 10, 20, 30) / 1000 + 500;
  EXPECT_EQ(lookback_reference_ms(now, "days", 1), at(2024, 3, 31) / 1000);
  EXPECT_EQ(lookback_reference_ms(now, "days", 2), at(2024, 3, 30) / 1000);
  EXPECT_EQ(lookback_reference_ms(now, "hours", 1), at(2024, 3, 31, 9) / 1000);
  EXPECT_EQ(lookback_reference_ms(now, "minutes", 5), at(2024, 3, 31, 10, 15) / 1000);
  EXPECT_EQ(lookback_reference_ms(now, "weeks", 1), at(2024, 3, 25) / 1000);
  EXPECT_EQ(lookback_reference_ms(now, "months", 1), at(2024, 3, 2) / 1000);  // Feb 31 normalizes like Go
  EXPECT_EQ(lookback_reference_ms(now, "years", 1), at(2023, 3, 31) / 1000);
  EXPECT_EQ(lookback_reference_ms(now, "seconds", 10), at(2024, 3, 31, 10, 20, 20) / 1000);
}

}  // namespace
}  // namespace peregrine::esutil

namespace peregrine::storage::elasticsearch {
namespace {

TEST(BulkResponse, FastPathAndItemOutcomes) {
  auto ok = parse_bulk_response(R"({"took":3,"errors":false,"items":[{"index":{"_index":"jaeger-span-000002","status":201}}]})", 1, true);
  EXPECT_TRUE(ok.valid);
  EXPECT_FALSE(ok.errors);
  EXPECT_EQ(ok.first_index, "jaeger-span-000002");
  auto mixed = parse_bulk_response(
      R"({"took":3,"errors":true,"items":[{"index":{"_index":"a","status":201}},
         {"index":{"_index":"a","status":429,"error":{"type":"es_rejected_execution_exception","reason":"busy"}}},
         {"create":{"_index":"a","status":400,"error":{"type":"mapper_parsing_exception","reason":"bad"}}}]})",
      3, false);
  ASSERT_TRUE(mixed.valid);
  ASSERT_EQ(mixed.items.size(), 3u);
  EXPECT_EQ(classify_item_status(mixed.items[0].status), ItemDisposition::Stored);
  EXPECT_EQ(classify_item_status(mixed.items[1].status), ItemDisposition::Retry);
  EXPECT_EQ(classify_item_status(mixed.items[2].status), ItemDisposition::Reject);
  EXPECT_EQ(mixed.items[2].error_type, "mapper_parsing_exception");
  EXPECT_FALSE(parse_bulk_response(R"({"took":1,"errors":true,"items":[]})", 2, false).valid);
  EXPECT_FALSE(parse_bulk_response("<html>", 1, false).valid);
}

TEST(EsQueries, FindTraceIdsBody) {
  TraceQuery q;
  q.service = "svc";
  q.operation = "op";
  q.tags = {{"http.method", "GET"}};
  q.duration_min_us = 10;
  auto b = nlohmann::json::parse(find_trace_ids_body(q, 100, 200, 20, "@"));
  EXPECT_EQ(b["size"], 0);
  const auto& filter = b["query"]["bool"]["filter"];
  ASSERT_EQ(filter.size(), 5u);
  EXPECT_EQ(filter[0]["range"]["startTime"]["gte"], 100);
  EXPECT_EQ(filter[1]["term"]["process.serviceName"], "svc");
  EXPECT_EQ(filter[2]["term"]["operationName"], "op");
  EXPECT_EQ(filter[3]["range"]["duration"], nlohmann::json({{"gte", 10}}));
  const auto& should = filter[4]["bool"]["should"];
  EXPECT_EQ(should[0]["term"]["tag.http@method"], "GET");
  EXPECT_EQ(should[1]["term"]["process.tag.http@method"], "GET");
  EXPECT_EQ(should[2]["nested"]["path"], "tags");
  EXPECT_EQ(should[4]["nested"]["path"], "logs.fields");
  EXPECT_EQ(b["aggs"]["traceIDs"]["terms"]["size"], 20);
  EXPECT_EQ(b["aggs"]["traceIDs"]["aggs"]["startTime"]["max"]["field"], "startTime");
}

TEST(EsQueries, TracePagesAndLegacyIds) {
  EXPECT_EQ(legacy_trace_id(model::TraceID{0, 0x1f}), "1f");
  EXPECT_EQ(legacy_trace_id(model::TraceID{0x1, 0x2}), "10000000000000002");
  EXPECT_EQ(legacy_trace_id(model::TraceID{0, 0xf000000000000000ULL}), "");
  auto first = nlohmann::json::parse(trace_page_body(model::TraceID{0, 0x1f}, 10000, nlohmann::json()));
  EXPECT_EQ(first["size"], 10000);
  EXPECT_EQ(first["query"]["bool"]["should"].size(), 2u);
  EXPECT_FALSE(first.contains("search_after"));
  auto next = nlohmann::json::parse(
      trace_page_body(model::TraceID{0, 0xf000000000000000ULL}, 5, nlohmann::json::array({7, "a", "svc"})));
  EXPECT_EQ(next["query"]["term"]["traceID"], "f000000000000000");
  EXPECT_EQ(next["search_after"], nlohmann::json::array({7, "a", "svc"}));
  EXPECT_EQ(next["sort"].size(), 3u);
}

}  // namespace
}  // namespace peregrine::storage::elasticsearch
