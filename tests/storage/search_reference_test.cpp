// Randomised cross-check: the memory store's indexed, encoded search must return exactly what a brute-force scan
// over the written spans returns (same traces, newest first, same limit), for many queries and shard counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "backend/storage/memory/memory_store.hpp"
#include "backend/storage/memory/query_plan.hpp"
#include "tests/storage/span_builder.hpp"
#include "tests/support/trace_queries.hpp"

namespace peregrine::storage::memory {
namespace {

using testing::make_process;
using testing::SpanBuilder;

constexpr int64_t kT0 = 1'600'000'000'000'000;

struct Corpus {
  std::map<model::TraceID, std::vector<model::Span>> traces;
};

Corpus generate(std::mt19937_64& rng, MemoryStore& store) {
  const std::vector<std::string> services = {"a", "b", "c", "d"};
  const std::vector<std::string> ops = {"get", "put", "list", "delete", "scan"};
  std::vector<model::ProcessPtr> processes;
  for (const auto& s : services) {
    processes.push_back(make_process(s, {model::KeyValue::String("zone", s == "a" ? "z1" : "z2")}));
  }
  Corpus c;
  for (uint64_t t = 1; t <= 400; ++t) {
    int n = 1 + static_cast<int>(rng() % 6);
    int64_t base = kT0 + static_cast<int64_t>(rng() % 1'000'000);
    model::SpanBatch batch;
    for (int i = 0; i < n; ++i) {
      SpanBuilder b(t, static_cast<uint64_t>(i + 1), processes[rng() % processes.size()]);
      b.op(ops[rng() % ops.size()])
          .start(base + static_cast<int64_t>(rng() % 5000))
          .duration(static_cast<int64_t>(rng() % 10000));
      if (i > 0) b.parent(1);
      b.tag(model::KeyValue::Int64("status", rng() % 3 == 0 ? 500 : 200));
      b.tag("user", "u" + std::to_string(rng() % 20));
      if (rng() % 4 == 0) b.tag(model::KeyValue::Bool("error", true));
      if (rng() % 3 == 0) b.log(base, {model::KeyValue::String("event", rng() % 2 ? "retry" : "miss")});
      batch.push_back(b.build());
    }
    std::shuffle(batch.begin(), batch.end(), rng);
    store.write_spans(batch);
    for (auto& s : batch) c.traces[s.trace_id].push_back(s);
  }
  return c;
}

std::vector<model::TraceID> brute_force(const Corpus& c, const TraceQuery& q) {
  std::vector<std::pair<int64_t, model::TraceID>> hits;
  for (const auto& [id, spans] : c.traces) {
    bool match = std::any_of(spans.begin(), spans.end(), [&](const model::Span& s) { return span_matches(q, s); });
    if (!match) continue;
    int64_t start = spans.front().start_time_us;
    for (const auto& s : spans) start = std::min(start, s.start_time_us);
    hits.emplace_back(start, id);
  }
  std::sort(hits.begin(), hits.end(),
            [](const auto& x, const auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
  if (q.num_traces > 0 && hits.size() > static_cast<size_t>(q.num_traces))
    hits.resize(static_cast<size_t>(q.num_traces));
  std::vector<model::TraceID> out;
  for (const auto& h : hits) out.push_back(h.second);
  return out;
}

class SearchReferenceTest : public ::testing::TestWithParam<size_t> {};

TEST_P(SearchReferenceTest, MatchesBruteForce) {
  std::mt19937_64 rng(42 + GetParam());
  MemoryStore store(MemoryStoreOptions{0, GetParam()});
  Corpus corpus = generate(rng, store);
  int non_empty = 0;
  for (int i = 0; i < 300; ++i) {
    TraceQuery q = test_support::random_query(rng, kT0);
    auto expected = brute_force(corpus, q);
    non_empty += expected.empty() ? 0 : 1;
    ASSERT_EQ(store.find_trace_ids(q), expected) << "query #" << i << " service=" << q.service << " op=" << q.operation;
  }
  EXPECT_GT(non_empty, 100);  // the random queries must exercise real matches, not only empty results
}

INSTANTIATE_TEST_SUITE_P(Shards, SearchReferenceTest, ::testing::Values(1, 3, 16));

}  // namespace
}  // namespace peregrine::storage::memory
