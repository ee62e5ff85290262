// Unit tests of the memory store's building blocks: varint/zigzag codec, reference-counted symbol table,
// process table dedupe, time index ordering with front-gap erases, and the top-N collector.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "backend/storage/memory/byte_codec.hpp"
#include "backend/storage/memory/process_table.hpp"
#include "backend/storage/memory/symbol_table.hpp"
#include "backend/storage/memory/time_index.hpp"
#include "backend/storage/memory/top_traces.hpp"
#include "tests/storage/span_builder.hpp"

namespace peregrine::storage::memory {
namespace {

TEST(ByteCodecTest, VarintsAndZigzagRoundTrip) {
  std::string buf;
  const std::vector<int64_t> values = {0, 1, -1, 63, -64, 64, 300, -300, INT64_MAX, INT64_MIN};
  for (int64_t v : values) put_signed(buf, v);
  put_varint(buf, UINT64_MAX);
  put_fixed64(buf, 0x0123456789abcdefULL);
  put_bytes(buf, "hello");
  ByteCursor c(reinterpret_cast<const uint8_t*>(buf.data()), reinterpret_cast<const uint8_t*>(buf.data() + buf.size()));
  for (int64_t v : values) EXPECT_EQ(c.signed_varint(), v);
  EXPECT_EQ(c.varint(), UINT64_MAX);
  EXPECT_EQ(c.fixed64(), 0x0123456789abcdefULL);
  EXPECT_EQ(c.bytes(), "hello");
  EXPECT_TRUE(c.at_end());
  EXPECT_EQ(varint_size(127), 1u);
  EXPECT_EQ(varint_size(128), 2u);
}

TEST(SymbolTableTest, ReferenceCountingFreesAndReusesIds) {
  SymbolTable t;
  uint32_t a = t.acquire("alpha");
  EXPECT_EQ(t.acquire("alpha"), a);
  uint32_t b = t.acquire("beta");
  EXPECT_NE(a, b);
  EXPECT_EQ(t.text(a), "alpha");
  EXPECT_EQ(t.refs(a), 2u);
  t.release(a);
  EXPECT_EQ(t.find("alpha"), a);
  t.release(a);
  EXPECT_EQ(t.find("alpha"), SymbolTable::kNone);
  uint32_t c = t.acquire("gamma");
  EXPECT_EQ(c, a);  // freed id reused
  EXPECT_EQ(t.text(c), "gamma");
  EXPECT_EQ(t.text(b), "beta");
  EXPECT_EQ(t.live_count(), 2u);
}

TEST(SymbolTableTest, ManyStringsKeepStableViews) {
  SymbolTable t;
  for (int i = 0; i < 10000; ++i) t.acquire("s" + std::to_string(i));
  for (int i = 0; i < 10000; ++i) ASSERT_EQ(t.text(t.find("s" + std::to_string(i))), "s" + std::to_string(i));
}

TEST(ProcessTableTest, DedupesByValueAndReleases) {
  ProcessTable t;
  auto p1 = testing::make_process("svc", {model::KeyValue::String("host", "a")});
  auto p2 = testing::make_process("svc", {model::KeyValue::String("host", "a")});
  auto p3 = testing::make_process("svc", {model::KeyValue::String("host", "b")});
  uint32_t i1 = t.acquire(p1);
  EXPECT_EQ(t.acquire(p1), i1);  // cached pointer
  EXPECT_EQ(t.acquire(p2), i1);  // equal value
  uint32_t i3 = t.acquire(p3);
  EXPECT_NE(i1, i3);
  EXPECT_EQ(t.at(i1).process->tags[0].str, "a");
  for (int i = 0; i < 3; ++i) t.release(i1);
  EXPECT_FALSE(t.live(i1));
  uint32_t i4 = t.acquire(testing::make_process("other"));
  EXPECT_EQ(i4, i1);
  EXPECT_EQ(t.at(i4).process->service_name, "other");
  EXPECT_EQ(t.acquire(p1), t.acquire(p2));  // re-added after release, not served from a stale cache
  EXPECT_EQ(t.at(t.acquire(p1)).process->service_name, "svc");
}

TEST(TimeIndexTest, StaysSortedUnderMixedInsertAndErase) {
  TimeIndex idx;
  std::mt19937 rng(7);
  std::vector<std::pair<int64_t, uint32_t>> model;
  for (uint32_t i = 0; i < 5000; ++i) {
    int64_t t = static_cast<int64_t>(i) * 10 + static_cast<int64_t>(rng() % 25);
    idx.insert(t, i);
    model.emplace_back(t, i);
    if (i % 3 == 0 && !model.empty()) {
      // Erase mostly near the front (eviction), sometimes anywhere.
      size_t pos = rng() % 4 == 0 ? rng() % model.size() : std::min<size_t>(model.size() - 1, rng() % 4);
      std::sort(model.begin(), model.end());
      idx.erase(model[pos].first, model[pos].second);
      model.erase(model.begin() + static_cast<std::ptrdiff_t>(pos));
    }
  }
  std::sort(model.begin(), model.end());
  ASSERT_EQ(idx.size(), model.size());
  size_t k = 0;
  for (const auto* e = idx.begin(); e != idx.end(); ++e, ++k) {
    ASSERT_EQ(e->start_us, model[k].first);
    ASSERT_EQ(e->slot, model[k].second);
  }
  const auto* ub = idx.upper_bound(model[100].first);
  EXPECT_GT(ub->start_us, model[100].first);
  idx.erase(-5, 1);  // absent: no-op
  EXPECT_EQ(idx.size(), model.size());
}

TEST(TopTracesTest, KeepsNewestAndBreaksTiesById) {
  TopTraces top(3);
  EXPECT_FALSE(top.full());
  top.offer(10, model::TraceID{0, 1});
  top.offer(30, model::TraceID{0, 2});
  top.offer(20, model::TraceID{0, 3});
  EXPECT_TRUE(top.full());
  EXPECT_EQ(top.threshold(), 10);
  top.offer(5, model::TraceID{0, 4});
  top.offer(20, model::TraceID{0, 0});
  auto hits = top.sorted();
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].id.low, 2u);
  EXPECT_EQ(hits[1].id.low, 0u);
  EXPECT_EQ(hits[2].id.low, 3u);
}

}  // namespace
}  // namespace peregrine::storage::memory
