// The embedded store's pure parts: key layout (ordering and parsing), span record round trip and corruption
// detection, the rows a span produces, search planning and expired-file selection.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "backend/storage/embedded/byte_order.hpp"
#include "backend/storage/embedded/dependency_links.hpp"
#include "backend/storage/embedded/expired_files.hpp"
#include "backend/storage/embedded/key_layout.hpp"
#include "backend/storage/embedded/row_value.hpp"
#include "backend/storage/embedded/search_plan.hpp"
#include "backend/storage/embedded/span_record.hpp"
#include "backend/storage/embedded/span_rows.hpp"
#include "tests/storage/span_builder.hpp"

namespace peregrine::storage::embedded {
namespace {

using storage::testing::make_process;
using storage::testing::SpanBuilder;

TEST(KeyLayoutTest, SpanKeysSortByTraceThenStartAndParseBack) {
  model::TraceID t{1, 2};
  std::vector<std::string> keys_in_order = {keys::span_key(t, -10, 9), keys::span_key(t, 0, 1), keys::span_key(t, 0, 2),
                                            keys::span_key(t, 5, 0), keys::span_key(model::TraceID{1, 3}, -100, 0)};
  EXPECT_TRUE(std::is_sorted(keys_in_order.begin(), keys_in_order.end()));
  auto parsed = keys::parse_span_key(keys::span_key(model::TraceID{0xdead, 0xbeef}, -42, 77));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->trace, (model::TraceID{0xdead, 0xbeef}));
  EXPECT_EQ(parsed->start_us, -42);
  EXPECT_EQ(parsed->span, 77u);
  EXPECT_FALSE(keys::parse_span_key("S123"));
  EXPECT_EQ(keys::trace_prefix(t), keys::span_key(t, 0, 0).substr(0, keys::kTracePrefixSize));
}

TEST(KeyLayoutTest, IndexSuffixRunsNewestFirstAndWindowsAreContiguous) {
  const std::string prefix = keys::service_prefix("svc");
  auto key = [&](int64_t start, uint64_t trace) {
    std::string k = prefix;
    keys::append_index_suffix(k, start, model::TraceID{0, trace}, 1);
    return k;
  };
  EXPECT_LT(key(300, 1), key(200, 1));
  EXPECT_LT(key(200, 1), key(-5, 1));
  EXPECT_LT(key(200, 1), key(200, 2));
  auto w = keys::time_window(prefix, 100, 250);
  EXPECT_GE(key(250, 1), w.begin);
  EXPECT_LT(key(100, 9), w.end);
  EXPECT_LT(key(251, 1), w.begin);
  EXPECT_GE(key(99, 1), w.end);
  auto s = keys::parse_index_suffix(std::string_view(key(-7, 4)).substr(prefix.size()));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->start_us, -7);
  EXPECT_EQ(s->trace.low, 4u);
  // Full window of a prefix: ends at the prefix successor.
  auto all = keys::time_window(prefix, INT64_MIN, INT64_MAX);
  EXPECT_EQ(all.end, keys::prefix_successor(prefix));
}

TEST(KeyLayoutTest, StringsAreSelfDelimiting) {
  EXPECT_NE(keys::operation_prefix("a", "bc"), keys::operation_prefix("ab", "c"));
  EXPECT_NE(keys::tag_prefix("s", "k", "v1"), keys::tag_prefix("s", "kv", "1"));
  // A service's prefix is not a prefix of a longer service's rows.
  EXPECT_NE(keys::service_prefix("ab").rfind(keys::service_prefix("a"), 0), 0u);
  auto c = keys::parse_catalog_key(keys::catalog_key("svc", "GET /x", "server"));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->service, "svc");
  EXPECT_EQ(c->operation, "GET /x");
  EXPECT_EQ(c->span_kind, "server");
  EXPECT_FALSE(keys::parse_catalog_key(keys::catalog_key("svc", "op", "") + "x"));
  EXPECT_EQ(keys::prefix_successor("a\xff\xff"), "b");
  EXPECT_EQ(keys::prefix_successor("\xff"), "");
}

TEST(SpanRecordTest, RoundTripAndSharedProcesses) {
  auto proc = make_process("svc", {model::KeyValue::Float64("load", -0.5)});
  model::Span s = SpanBuilder(3, 4, proc)
                      .trace_high(9)
                      .flags(0xffffffff)
                      .parent(1)
                      .ref(model::SpanRef{model::TraceID{7, 8}, 2, model::RefType::FollowsFrom})
                      .tag(model::KeyValue::Binary("b", std::string("\0\1", 2)))
                      .log(1, {model::KeyValue::Bool("x", false)})
                      .warning("w");
  std::string rec;
  encode_span_record(s, rec);
  ProcessPool pool;
  keys::SpanKey k{s.trace_id, s.start_time_us, s.span_id};
  model::Span d = decode_span_record(k, rec, pool);
  EXPECT_EQ(d.references, s.references);
  EXPECT_EQ(d.tags, s.tags);
  EXPECT_EQ(d.logs, s.logs);
  EXPECT_EQ(d.flags, s.flags);
  EXPECT_EQ(d.warnings, s.warnings);
  EXPECT_EQ(*d.process, *proc);
  model::Span again = decode_span_record(k, rec, pool);
  EXPECT_EQ(d.process.get(), again.process.get());
}

TEST(SpanRecordTest, CorruptRecordsThrowInsteadOfReadingPastTheEnd) {
  model::Span s = SpanBuilder(1, 1, make_process("svc")).tag("k", "v").log(5, {model::KeyValue::String("a", "b")});
  std::string rec;
  encode_span_record(s, rec);
  ProcessPool pool;
  keys::SpanKey k{s.trace_id, s.start_time_us, s.span_id};
  for (size_t cut = 0; cut < rec.size(); ++cut) {
    EXPECT_THROW(decode_span_record(k, std::string_view(rec).substr(0, cut), pool), CorruptRow) << cut;
  }
  EXPECT_THROW(decode_span_record(k, rec + "x", pool), CorruptRow);
  std::string bad_version = rec;
  bad_version[0] = 9;
  EXPECT_THROW(decode_span_record(k, bad_version, pool), CorruptRow);
  // Huge counts are rejected before allocating.
  std::string huge(1, static_cast<char>(kSpanRecordVersion));
  put_varint(huge, 0);
  put_signed(huge, 0);
  put_string(huge, "op");
  put_string(huge, "svc");
  put_varint(huge, UINT64_MAX >> 1);
  EXPECT_THROW(decode_span_record(k, huge, pool), CorruptRow);
}

TEST(SpanRowsTest, OneSpanRowPlusIndexRows) {
  auto proc = make_process("svc", {model::KeyValue::String("host", "h")});
  model::Span s = SpanBuilder(1, 2, proc)
                      .op("op")
                      .duration(55)
                      .tag(model::KeyValue::Int64("code", 200))
                      .tag("dup", "x")
                      .tag("dup", "x")
                      .tag("long", std::string(kMaxIndexedTagBytes + 1, 'z'))
                      .log(0, {model::KeyValue::String("event", "e")});
  auto rows = span_rows(s, 1234);
  std::set<std::string> keys_written;
  for (const auto& r : rows) {
    keys_written.insert(r.key);
    EXPECT_EQ(read_expiry(r.value), 1234);
  }
  EXPECT_EQ(keys_written.size(), rows.size());
  // span + service + operation + duration + tags {code, dup, host, event} (long value not indexed)
  EXPECT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[0].key, keys::span_key(s.trace_id, s.start_time_us, 2));
  auto with_suffix = [&](std::string k) {
    keys::append_index_suffix(k, s.start_time_us, s.trace_id, 2);
    return k;
  };
  EXPECT_TRUE(keys_written.count(with_suffix(keys::tag_prefix("svc", "code", "200"))));
  EXPECT_TRUE(keys_written.count(with_suffix(keys::tag_prefix("svc", "host", "h"))));
  EXPECT_TRUE(keys_written.count(with_suffix(keys::tag_prefix("svc", "event", "e"))));
  for (const auto& r : rows) {
    if (r.key[0] == keys::kService) {
      EXPECT_EQ(parse_index_value(r.value)->duration_us, 55);
    }
  }
}

TEST(SearchPlanTest, CandidatesAndProofRules) {
  TraceQuery q;
  q.service = "s";
  auto plans = candidate_plans(q);
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].family, IndexFamily::Service);
  EXPECT_TRUE(plans[0].rows_prove_match);

  q.operation = "op";
  q.tags = {{"a", "1"}, {"b", std::string(kMaxIndexedTagBytes + 1, 'x')}};
  q.duration_min_us = 10;
  plans = candidate_plans(q);
  ASSERT_EQ(plans.size(), 4u);  // tag a (b is too long), operation, service, duration
  EXPECT_EQ(plans[0].family, IndexFamily::Tag);
  EXPECT_EQ(plans[0].tag_key, "a");
  EXPECT_EQ(plans[1].family, IndexFamily::Operation);
  EXPECT_EQ(plans[3].family, IndexFamily::Duration);
  for (const auto& p : plans) EXPECT_FALSE(p.rows_prove_match);

  TraceQuery one_tag;
  one_tag.tags = {{"a", "1"}};
  EXPECT_TRUE(candidate_plans(one_tag)[0].rows_prove_match);
}

TEST(SearchPlanTest, ChoosesSmallestEstimateAndHandicapsDuration) {
  std::vector<ScanPlan> plans(3);
  plans[0].family = IndexFamily::Operation;
  plans[1].family = IndexFamily::Service;
  plans[2].family = IndexFamily::Duration;
  EXPECT_EQ(choose_plan(plans, {100, 50, 40}), 1u);  // duration not 4× smaller than 50
  EXPECT_EQ(choose_plan(plans, {100, 50, 10}), 2u);
  EXPECT_EQ(choose_plan(plans, {0, 0, 0}), 0u);  // ties: preference order
  EXPECT_EQ(choose_plan(plans, {30, 50, 10}), 0u);
}

TEST(ExpiredFilesTest, SelectsWhollyExpiredIdleFilesByLevel) {
  std::vector<SstFile> files = {
      {"/1.sst", 0, false, 100}, {"/2.sst", 0, false, 300}, {"/3.sst", 2, false, 50},
      {"/4.sst", 2, true, 50},   {"/5.sst", 3, false, std::nullopt}, {"/6.sst", 3, false, 200},
  };
  auto picked = expired_files_by_level(files, 200);
  EXPECT_EQ(picked.size(), 3u);
  EXPECT_EQ(picked[0], std::vector<std::string>{"/1.sst"});
  EXPECT_EQ(picked[2], std::vector<std::string>{"/3.sst"});
  EXPECT_EQ(picked[3], std::vector<std::string>{"/6.sst"});
}

TEST(DependencyCounterTest, CountsCrossServiceParentLinks) {
  auto a = make_process("a");
  auto b = make_process("b");
  DependencyCounter c;
  c.add_trace({SpanBuilder(1, 1, a), SpanBuilder(1, 2, b).parent(1), SpanBuilder(1, 3, b).parent(2),
               SpanBuilder(1, 4, a).parent(3), SpanBuilder(1, 5, a).parent(42)});
  c.add_trace({SpanBuilder(2, 1, a), SpanBuilder(2, 2, b).parent(1)});
  EXPECT_EQ(c.links(), (std::vector<model::DependencyLink>{{"a", "b", 2, "jaeger"}, {"b", "a", 1, "jaeger"}}));
}

}  // namespace
}  // namespace peregrine::storage::embedded
