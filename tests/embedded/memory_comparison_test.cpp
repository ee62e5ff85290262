// Randomised cross-check against the memory store: the same spans written to both (random_corpus.hpp: shuffled,
// in batches, some traces split, some writes retried), then many random queries must give the same trace ids in
// the same order — through the plan the embedded store picks AND through every other candidate plan — plus the
// same traces, services, operations and dependencies, before and after a reopen.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "backend/storage/memory/memory_store.hpp"
#include "tests/embedded/embedded_test_support.hpp"
#include "tests/storage/random_corpus.hpp"
#include "tests/support/trace_queries.hpp"

namespace peregrine::storage::embedded {
namespace {

using testing::StoreFixture;

constexpr int64_t kT0 = 1'600'000'000'000'000;

std::vector<model::TraceID> ids_of(const std::vector<SearchHit>& hits) {
  std::vector<model::TraceID> out;
  for (const auto& h : hits) out.push_back(h.id);
  return out;
}

// Spans compared order-independently (the stores return a trace's spans in different orders).
std::vector<std::tuple<model::SpanID, int64_t, std::string, int64_t>> span_summary(const model::Trace& t) {
  std::vector<std::tuple<model::SpanID, int64_t, std::string, int64_t>> out;
  for (const auto& s : t.spans) out.emplace_back(s.span_id, s.start_time_us, s.operation_name, s.duration_us);
  std::sort(out.begin(), out.end());
  return out;
}

void compare_stores(std::mt19937_64& rng, memory::MemoryStore& mem, EmbeddedStore& emb, int queries) {
  int non_empty = 0;
  for (int i = 0; i < queries; ++i) {
    TraceQuery q = test_support::random_query(rng, kT0);
    auto expected = mem.find_trace_ids(q);
    non_empty += expected.empty() ? 0 : 1;
    ASSERT_EQ(emb.find_trace_ids(q), expected) << "query #" << i << " " << random_corpus::describe(q);
    for (const auto& plan : candidate_plans(q)) {
      ASSERT_EQ(ids_of(emb.search().find_with(q, plan, system_now_us())), expected)
          << "query #" << i << " plan " << static_cast<int>(plan.family) << " " << random_corpus::describe(q);
    }
    if (i % 10 == 0) {
      auto m = mem.find_traces(q);
      auto e = emb.find_traces(q);
      ASSERT_EQ(m.size(), e.size());
      for (size_t t = 0; t < m.size(); ++t) ASSERT_EQ(span_summary(m[t]), span_summary(e[t]));
    }
  }
  EXPECT_GT(non_empty, queries / 4);  // the random queries must exercise real matches

  EXPECT_EQ(emb.get_services(), mem.get_services());
  for (const auto& service : mem.get_services()) {
    EXPECT_EQ(emb.get_operations(OperationQuery{service, ""}), mem.get_operations(OperationQuery{service, ""}));
  }
  for (int64_t lookback : {1'000, 100'000, 2'000'000}) {
    for (int64_t end : {kT0 + 10'000, kT0 + 500'000, kT0 + 1'100'000}) {
      EXPECT_EQ(emb.get_dependencies(end, lookback), mem.get_dependencies(end, lookback)) << end << " " << lookback;
    }
  }
  for (uint64_t t = 1; t <= 300; t += 7) {
    auto m = mem.get_trace(model::TraceID{0, t});
    auto e = emb.get_trace(model::TraceID{0, t});
    ASSERT_EQ(m.has_value(), e.has_value());
    if (m) {
      EXPECT_EQ(span_summary(*m), span_summary(*e));
    }
  }
}

class MemoryComparisonTest : public ::testing::TestWithParam<uint64_t> {};

TEST_P(MemoryComparisonTest, SameAnswersAsTheMemoryStore) {
  std::mt19937_64 rng(1000 + GetParam());
  memory::MemoryStore mem;
  StoreFixture f;
  random_corpus::write(rng, kT0, {&mem, f.store.get()});
  compare_stores(rng, mem, *f.store, 200);
  f.reopen();
  compare_stores(rng, mem, *f.store, 60);
}

INSTANTIATE_TEST_SUITE_P(Seeds, MemoryComparisonTest, ::testing::Values(1, 2, 3));

}  // namespace
}  // namespace peregrine::storage::embedded
