// The embedded store's pure parts: key layout (ordering and parsing), span record round trip and corruption
// detection, span chunks and span keys, index values (entries, criteria, corruption), the rows a write produces
// (per trace chunk, sorted), search planning and expired-file selection.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "backend/storage/embedded/byte_order.hpp"
#include "backend/storage/embedded/dependency_links.hpp"
#include "backend/storage/embedded/expired_files.hpp"
#include "backend/storage/embedded/index_value.hpp"
#include "backend/storage/embedded/key_layout.hpp"
#include "backend/storage/embedded/row_value.hpp"
#include "backend/storage/embedded/search_plan.hpp"
#include "backend/storage/embedded/span_chunk.hpp"
#include "backend/storage/embedded/span_record.hpp"
#include "backend/storage/embedded/span_rows.hpp"
#include "tests/storage/span_builder.hpp"

namespace peregrine::storage::embedded {
namespace {

using storage::testing::make_process;
using storage::testing::SpanBuilder;

TEST(KeyLayoutTest, TraceRowsSortByTraceThenChunkStartAndParseBack) {
  model::TraceID t{1, 2};
  std::vector<std::string> keys_in_order = {keys::chunk_key(t, -10, 9), keys::chunk_key(t, 0, 1),
                                            keys::chunk_key(t, 0, 2), keys::chunk_key(t, 5, 0),
                                            keys::span_keys_key(t, 0), keys::span_keys_key(t, 7),
                                            keys::chunk_key(model::TraceID{1, 3}, -100, 0)};
  EXPECT_TRUE(std::is_sorted(keys_in_order.begin(), keys_in_order.end()));
  for (size_t i = 0; i + 1 < keys_in_order.size(); ++i) {
    EXPECT_EQ(keys_in_order[i].rfind(keys::trace_prefix(t), 0), 0u);  // one contiguous range per trace
  }
  EXPECT_EQ(keys::chunk_key(t, 0, 0).rfind(keys::chunk_prefix(t), 0), 0u);
  EXPECT_EQ(keys::span_keys_key(t, 0).rfind(keys::span_keys_prefix(t), 0), 0u);
  auto parsed = keys::parse_chunk_key(keys::chunk_key(model::TraceID{0xdead, 0xbeef}, -42, 77));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->trace, (model::TraceID{0xdead, 0xbeef}));
  EXPECT_EQ(parsed->chunk_start_us, -42);
  EXPECT_EQ(parsed->write_id, 77u);
  EXPECT_FALSE(keys::parse_chunk_key("S123"));
  EXPECT_FALSE(keys::parse_chunk_key(keys::span_keys_key(t, 1)));
  EXPECT_EQ(keys::chunk_key(t, 0, 0).size(), keys::kChunkKeySize);
  EXPECT_EQ(keys::span_keys_key(t, 0).size(), keys::kSpanKeysKeySize);
}

TEST(KeyLayoutTest, IndexSuffixRunsNewestFirstAndWindowsAreContiguous) {
  const std::string prefix = keys::service_prefix("svc");
  auto key = [&](int64_t start, uint64_t trace, uint64_t write = 1) {
    std::string k = prefix;
    keys::append_index_suffix(k, start, model::TraceID{0, trace}, write);
    return k;
  };
  EXPECT_LT(key(300, 1), key(200, 1));
  EXPECT_LT(key(200, 1), key(-5, 1));
  EXPECT_LT(key(200, 1), key(200, 2));
  EXPECT_LT(key(200, 1, 1), key(200, 1, 2));
  // A window covers rows starting up to one row spread before its minimum: such rows may list spans inside it.
  auto w = keys::time_window(prefix, 100, 250);
  EXPECT_GE(key(250, 1), w.begin);
  EXPECT_LT(key(251, 1), w.begin);
  EXPECT_LT(key(100, 9), w.end);
  EXPECT_LT(key(100 - keys::kIndexRowSpreadUs, 9), w.end);
  EXPECT_GE(key(99 - keys::kIndexRowSpreadUs, 1), w.end);
  auto s = keys::parse_index_suffix(std::string_view(key(-7, 4, 99)).substr(prefix.size()));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->row_start_us, -7);
  EXPECT_EQ(s->trace.low, 4u);
  EXPECT_EQ(s->write_id, 99u);
  // Full window of a prefix (and one whose minimum is within a spread of the smallest time): ends at the
  // prefix successor.
  EXPECT_EQ(keys::time_window(prefix, INT64_MIN, INT64_MAX).end, keys::prefix_successor(prefix));
  EXPECT_EQ(keys::time_window(prefix, INT64_MIN + 5, INT64_MAX).end, keys::prefix_successor(prefix));
}

TEST(KeyLayoutTest, StringsAreSelfDelimiting) {
  EXPECT_NE(keys::operation_prefix("a", "bc"), keys::operation_prefix("ab", "c"));
  EXPECT_NE(keys::tag_prefix("k", "v1"), keys::tag_prefix("kv", "1"));
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

TEST(IndexValueTest, RoundTripAndCriteria) {
  const std::vector<IndexedSpan> spans = {{100, 5, "a"}, {130, -2, "b"}, {160, 50, "a"}};
  std::string with_services;
  encode_index_value(with_services, 999, 100, spans, true);
  EXPECT_EQ(read_expiry(with_services), 999);
  auto decoded = decode_index_value(with_services, 100);
  ASSERT_EQ(decoded.size(), 3u);
  EXPECT_EQ(decoded[1].start_us, 130);
  EXPECT_EQ(decoded[1].duration_us, -2);
  EXPECT_EQ(decoded[2].service, "a");
  std::string without_services;
  encode_index_value(without_services, 999, 100, spans, false);
  EXPECT_LT(without_services.size(), with_services.size());
  EXPECT_EQ(decode_index_value(without_services, 100)[2].service, "");

  auto matches = [&](const std::string& value, int64_t smin, int64_t smax, int64_t dmin, int64_t dmax,
                     std::string_view service) {
    return any_entry_matches(value, 100, EntryCriteria{QueryBounds{smin, smax, dmin, dmax}, service});
  };
  EXPECT_TRUE(matches(with_services, INT64_MIN, INT64_MAX, INT64_MIN, INT64_MAX, ""));
  EXPECT_TRUE(matches(with_services, 120, 140, INT64_MIN, INT64_MAX, "b"));
  EXPECT_FALSE(matches(with_services, 120, 140, INT64_MIN, INT64_MAX, "a"));  // b's span, not a's
  EXPECT_FALSE(matches(with_services, INT64_MIN, INT64_MAX, INT64_MIN, INT64_MAX, "c"));
  EXPECT_TRUE(matches(with_services, INT64_MIN, INT64_MAX, 40, 60, "a"));
  EXPECT_FALSE(matches(with_services, INT64_MIN, 150, 40, 60, "a"));  // one span must satisfy both
  EXPECT_FALSE(matches(with_services, 161, INT64_MAX, INT64_MIN, INT64_MAX, ""));
  // Rows without a service table: the key names the service, the criteria's service is not consulted.
  EXPECT_TRUE(matches(without_services, 120, 140, INT64_MIN, INT64_MAX, "zzz"));
  // Extreme starts survive the offset encoding.
  std::string extreme;
  encode_index_value(extreme, 1, INT64_MIN, std::vector<IndexedSpan>{{INT64_MIN, 0, ""}, {INT64_MAX, 0, ""}}, false);
  EXPECT_EQ(decode_index_value(extreme, INT64_MIN)[1].start_us, INT64_MAX);
}

TEST(IndexValueTest, CorruptValuesThrow) {
  std::string value;
  encode_index_value(value, 7, 0, std::vector<IndexedSpan>{{0, 1, "svc"}, {10, 2, "other"}}, true);
  for (size_t cut = 0; cut < value.size(); ++cut) {
    EXPECT_THROW(decode_index_value(std::string_view(value).substr(0, cut), 0), CorruptRow) << cut;
  }
  EXPECT_THROW(decode_index_value(value + "x", 0), CorruptRow);
  std::string bad_service = value;
  bad_service[bad_service.size() - 3] = 5;  // the last entry's service index → past the table
  EXPECT_THROW(decode_index_value(bad_service, 0), CorruptRow);
}

TEST(SpanChunkTest, ChunkAndSpanKeysRoundTrip) {
  auto proc = make_process("svc", {model::KeyValue::String("host", "h")});
  std::vector<model::Span> spans = {SpanBuilder(1, 2, proc).op("a").start(-5).duration(55),
                                    SpanBuilder(1, 1, proc).op("b").start(100).tag("k", "v"),
                                    SpanBuilder(1, 9, make_process("other")).op("c").start(INT64_MAX - 1)};
  std::vector<const model::Span*> chunk = {&spans[0], &spans[1], &spans[2]};
  Row row = span_chunk_row(chunk, 1234, 8);
  EXPECT_EQ(row.key, keys::chunk_key(spans[0].trace_id, -5, 8));
  EXPECT_EQ(read_expiry(row.value), 1234);
  ProcessPool pool;
  std::vector<model::Span> back;
  decode_span_chunk(std::string_view(row.value).substr(kExpirySize), spans[0].trace_id, -5, pool, back,
                    [](model::SpanID, const char* reason) { ADD_FAILURE() << reason; });
  ASSERT_EQ(back.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(back[i].span_id, spans[i].span_id);
    EXPECT_EQ(back[i].start_time_us, spans[i].start_time_us);
    EXPECT_EQ(back[i].operation_name, spans[i].operation_name);
    EXPECT_EQ(*back[i].process, *spans[i].process);
  }
  EXPECT_EQ(back[0].process.get(), back[1].process.get());  // equal processes are shared

  Row keys_row = span_keys_row(chunk, 1234, 8);
  EXPECT_EQ(keys_row.key, keys::span_keys_key(spans[0].trace_id, 8));
  std::vector<std::pair<int64_t, model::SpanID>> listed;
  decode_span_keys(std::string_view(keys_row.value).substr(kExpirySize),
                   [&](int64_t start, model::SpanID id) { listed.emplace_back(start, id); });
  EXPECT_EQ(listed, (std::vector<std::pair<int64_t, model::SpanID>>{{-5, 2}, {100, 1}, {INT64_MAX - 1, 9}}));
}

TEST(SpanChunkTest, ABadRecordIsSkippedAloneAndBrokenFramingThrows) {
  auto proc = make_process("svc");
  std::vector<model::Span> spans = {SpanBuilder(1, 1, proc).start(0), SpanBuilder(1, 2, proc).start(1)};
  std::vector<const model::Span*> chunk = {&spans[0], &spans[1]};
  std::string payload;
  encode_span_chunk(chunk, payload);
  // Corrupt the first record's version byte: count(1) span id(8) offset(1) length(1) → record starts at 11.
  std::string bad_record = payload;
  bad_record[11] = 9;
  ProcessPool pool;
  std::vector<model::Span> out;
  std::vector<model::SpanID> skipped;
  decode_span_chunk(bad_record, spans[0].trace_id, 0, pool, out,
                    [&](model::SpanID id, const char*) { skipped.push_back(id); });
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].span_id, 2u);
  EXPECT_EQ(skipped, std::vector<model::SpanID>{1});
  for (size_t cut = 0; cut < payload.size(); ++cut) {
    std::vector<model::Span> partial;
    EXPECT_THROW(decode_span_chunk(std::string_view(payload).substr(0, cut), spans[0].trace_id, 0, pool, partial,
                                   [](model::SpanID, const char*) {}),
                 CorruptRow)
        << cut;
  }
}

TEST(SpanRowsTest, OneIndexRowPerTermOfATraceChunk) {
  auto a = make_process("a", {model::KeyValue::String("host", "h")});
  auto b = make_process("b", {model::KeyValue::String("host", "h")});
  const int64_t t0 = 1'000'000'000;
  std::vector<model::Span> spans = {
      SpanBuilder(1, 1, a).op("get").start(t0).duration(10).tag(model::KeyValue::Int64("code", 200)).tag("dup", "x")
          .tag("dup", "x").tag("long", std::string(kMaxIndexedTagBytes + 1, 'z')),
      SpanBuilder(1, 2, a).op("get").start(t0 + 5).duration(20).tag(model::KeyValue::Int64("code", 500)),
      SpanBuilder(1, 3, b).op("get").start(t0 + 7).duration(30).log(t0, {model::KeyValue::String("event", "e")}),
      // Starts more than a row spread after the chunk's first span: its terms get rows of their own.
      SpanBuilder(1, 4, a).op("get").start(t0 + keys::kIndexRowSpreadUs + 1).duration(40),
  };
  std::vector<const model::Span*> chunk;
  for (const auto& s : spans) chunk.push_back(&s);
  std::vector<Row> rows = chunk_index_rows(chunk, 777, 42);
  std::map<std::string, std::string> by_key;
  for (const auto& r : rows) {
    EXPECT_EQ(read_expiry(r.value), 777);
    by_key[r.key] = r.value;
  }
  EXPECT_EQ(by_key.size(), rows.size());
  auto key = [&](std::string prefix, int64_t start) {
    keys::append_index_suffix(prefix, start, spans[0].trace_id, 42);
    return prefix;
  };
  auto listed = [&](const std::string& k, int64_t row_start) {
    EXPECT_TRUE(by_key.count(k)) << "missing row";
    std::vector<std::pair<int64_t, std::string>> out;
    if (!by_key.count(k)) return out;
    for (const auto& e : decode_index_value(by_key[k], row_start)) out.emplace_back(e.duration_us, e.service);
    return out;
  };
  const int64_t late = t0 + keys::kIndexRowSpreadUs + 1;
  using Listed = std::vector<std::pair<int64_t, std::string>>;
  EXPECT_EQ(listed(key(keys::service_prefix("a"), t0), t0), (Listed{{10, ""}, {20, ""}}));
  EXPECT_EQ(listed(key(keys::service_prefix("a"), late), late), (Listed{{40, ""}}));
  EXPECT_EQ(listed(key(keys::service_prefix("b"), t0 + 7), t0 + 7), (Listed{{30, ""}}));
  EXPECT_EQ(listed(key(keys::operation_prefix("a", "get"), t0), t0), (Listed{{10, ""}, {20, ""}}));
  EXPECT_EQ(listed(key(keys::tag_prefix("host", "h"), t0), t0), (Listed{{10, "a"}, {20, "a"}, {30, "b"}}));
  EXPECT_EQ(listed(key(keys::tag_prefix("host", "h"), late), late), (Listed{{40, "a"}}));
  EXPECT_EQ(listed(key(keys::tag_prefix("code", "200"), t0), t0), (Listed{{10, "a"}}));
  EXPECT_EQ(listed(key(keys::tag_prefix("dup", "x"), t0), t0), (Listed{{10, "a"}}));  // listed once
  EXPECT_EQ(listed(key(keys::tag_prefix("event", "e"), t0 + 7), t0 + 7), (Listed{{30, "b"}}));
  // service a ×2, b; operation a/get ×2, b/get; tags host ×2, code=200, code=500, dup, event (the long value is
  // not indexed).
  EXPECT_EQ(rows.size(), 12u);
}

TEST(SpanRowsTest, WriteRowsSkipStoredSpansGroupByTraceAndSortKeys) {
  auto p = make_process("svc");
  model::SpanBatch batch = {SpanBuilder(2, 1, p).tag("k", "v"), SpanBuilder(1, 1, p).tag("k", "v"),
                            SpanBuilder(2, 2, p).tag("k", "v"), SpanBuilder(3, 1, p)};
  std::vector<Row> rows = write_rows(batch, {false, false, false, true}, 5, 9);
  EXPECT_TRUE(std::is_sorted(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.key < b.key; }));
  size_t chunk_rows = 0, service_rows = 0;
  for (const auto& r : rows) {
    if (auto chunk = keys::parse_chunk_key(r.key)) {
      ++chunk_rows;
      EXPECT_NE(chunk->trace.low, 3u);  // skipped
    }
    if (r.key[0] == keys::kService) ++service_rows;
  }
  EXPECT_EQ(chunk_rows, 2u);    // one per trace: trace 2's two spans share it
  EXPECT_EQ(service_rows, 2u);  // likewise
  EXPECT_EQ(rows.size(), 2u * 5);  // per chunk: span chunk, span keys, service, operation, tag
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
  ASSERT_EQ(plans.size(), 3u);  // tag a (b is too long), operation, service
  EXPECT_EQ(plans[0].family, IndexFamily::Tag);
  EXPECT_EQ(plans[0].tag_key, "a");
  EXPECT_EQ(plans[1].family, IndexFamily::Operation);
  EXPECT_EQ(plans[2].family, IndexFamily::Service);
  for (const auto& p : plans) EXPECT_FALSE(p.rows_prove_match);

  TraceQuery one_tag;
  one_tag.tags = {{"a", "1"}};
  one_tag.duration_min_us = 5;  // checked on the rows' entries: still proven by the row
  EXPECT_TRUE(candidate_plans(one_tag)[0].rows_prove_match);
  EXPECT_EQ(criteria_of(one_tag).bounds.duration_min_us, 5);
  EXPECT_EQ(criteria_of(one_tag).bounds.start_max_us, INT64_MAX);
}

TEST(SearchPlanTest, RangesPerServiceExceptForTags) {
  TraceQuery q;
  q.operation = "op";
  q.tags = {{"k", "v"}};
  const std::vector<std::string> services = {"a", "b", "c"};
  auto plans = candidate_plans(q);
  EXPECT_EQ(plan_ranges(plans[0], q, services).size(), 1u);  // tag rows hold every service
  EXPECT_EQ(plan_ranges(plans[1], q, services).size(), 3u);
  EXPECT_EQ(plan_ranges(plans[2], q, services).size(), 3u);
  q.start_time_min_us = 100;
  q.start_time_max_us = 50 - keys::kIndexRowSpreadUs;  // contradictory even with the spread
  EXPECT_TRUE(plan_ranges(plans[2], q, services).empty());
}

TEST(SearchPlanTest, ChoosesSmallestEstimate) {
  std::vector<ScanPlan> plans(3);
  plans[0].family = IndexFamily::Tag;
  plans[1].family = IndexFamily::Operation;
  plans[2].family = IndexFamily::Service;
  EXPECT_EQ(choose_plan(plans, {100, 50, 40}), 2u);
  EXPECT_EQ(choose_plan(plans, {10, 50, 40}), 0u);
  EXPECT_EQ(choose_plan(plans, {0, 0, 0}), 0u);  // ties: preference order
  EXPECT_EQ(choose_plan(plans, {30, 20, 20}), 1u);
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
