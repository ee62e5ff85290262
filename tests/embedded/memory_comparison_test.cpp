// Randomised cross-check against the memory store: the same spans written to both (shuffled, in batches, some
// retried), then many random queries must give the same trace ids in the same order — through the plan the
// embedded store picks AND through every other candidate plan — plus the same traces, services, operations and
// dependencies, before and after a reopen.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "backend/storage/memory/memory_store.hpp"
#include "tests/embedded/embedded_test_support.hpp"
#include "tests/storage/span_builder.hpp"
#include "tests/support/trace_queries.hpp"

namespace peregrine::storage::embedded {
namespace {

using storage::testing::make_process;
using storage::testing::SpanBuilder;
using testing::StoreFixture;

constexpr int64_t kT0 = 1'600'000'000'000'000;

void write_corpus(std::mt19937_64& rng, SpanWriter& a, SpanWriter& b) {
  const std::vector<std::string> services = {"a", "b", "c", "d"};
  const std::vector<std::string> ops = {"get", "put", "list", "delete", "scan"};
  std::vector<model::ProcessPtr> processes;
  for (const auto& s : services) {
    processes.push_back(make_process(s, {model::KeyValue::String("zone", s == "a" ? "z1" : "z2")}));
  }
  for (uint64_t t = 1; t <= 300; ++t) {
    int n = 1 + static_cast<int>(rng() % 6);
    int64_t base = kT0 + static_cast<int64_t>(rng() % 1'000'000);
    model::SpanBatch batch;
    for (int i = 0; i < n; ++i) {
      SpanBuilder sb(t, static_cast<uint64_t>(i + 1), processes[rng() % processes.size()]);
      sb.op(ops[rng() % ops.size()])
          .start(base + static_cast<int64_t>(rng() % 5000))
          .duration(static_cast<int64_t>(rng() % 10000));
      if (i > 0) sb.parent(1 + rng() % static_cast<uint64_t>(i));
      sb.tag(model::KeyValue::Int64("status", rng() % 3 == 0 ? 500 : 200));
      sb.tag("user", "u" + std::to_string(rng() % 20));
      if (rng() % 4 == 0) sb.tag(model::KeyValue::Bool("error", true));
      if (rng() % 3 == 0) sb.log(base, {model::KeyValue::String("event", rng() % 2 ? "retry" : "miss")});
      batch.push_back(sb.build());
    }
    std::shuffle(batch.begin(), batch.end(), rng);
    // Split a trace over two writes sometimes, and retry some writes.
    size_t cut = rng() % (batch.size() + 1);
    model::SpanBatch first(batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(cut));
    model::SpanBatch second(batch.begin() + static_cast<std::ptrdiff_t>(cut), batch.end());
    for (const auto* part : {&first, &second}) {
      if (part->empty()) continue;
      a.write_spans(*part);
      b.write_spans(*part);
      if (rng() % 5 == 0) {
        a.write_spans(*part);
        b.write_spans(*part);
      }
    }
  }
}

std::string describe(const TraceQuery& q) {
  std::string s = "service=" + q.service + " op=" + q.operation + " limit=" + std::to_string(q.num_traces) +
                  " start=[" + std::to_string(q.start_time_min_us) + "," + std::to_string(q.start_time_max_us) +
                  "] duration=[" + std::to_string(q.duration_min_us) + "," + std::to_string(q.duration_max_us) + "]";
  for (const auto& [k, v] : q.tags) s += " " + k + "=" + v;
  return s;
}

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
    ASSERT_EQ(emb.find_trace_ids(q), expected) << "query #" << i << " " << describe(q);
    for (const auto& plan : candidate_plans(q)) {
      ASSERT_EQ(ids_of(emb.search().find_with(q, plan, system_now_us())), expected)
          << "query #" << i << " plan " << static_cast<int>(plan.family) << " " << describe(q);
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
  write_corpus(rng, mem, *f.store);
  compare_stores(rng, mem, *f.store, 200);
  f.reopen();
  compare_stores(rng, mem, *f.store, 60);
}

INSTANTIATE_TEST_SUITE_P(Seeds, MemoryComparisonTest, ::testing::Values(1, 2, 3));

}  // namespace
}  // namespace peregrine::storage::embedded
