// Randomised cross-check across shard counts: the memory store's indexed, encoded search (its shards searched in
// turn with a shared top-N threshold) must return exactly what a brute-force scan over the written spans returns
// (same traces, newest first, same limit).
#include <gtest/gtest.h>

#include <random>

#include "backend/storage/memory/memory_store.hpp"
#include "tests/storage/random_corpus.hpp"
#include "tests/support/trace_queries.hpp"

namespace peregrine::storage::memory {
namespace {

constexpr int64_t kT0 = 1'600'000'000'000'000;

class SearchReferenceTest : public ::testing::TestWithParam<size_t> {};

TEST_P(SearchReferenceTest, MatchesBruteForce) {
  std::mt19937_64 rng(42 + GetParam());
  MemoryStore store(MemoryStoreOptions{0, GetParam()});
  const random_corpus::Corpus corpus = random_corpus::write(rng, kT0, {&store}, 400);
  int non_empty = 0;
  for (int i = 0; i < 300; ++i) {
    TraceQuery q = test_support::random_query(rng, kT0);
    auto expected = random_corpus::find(corpus, q);
    non_empty += expected.empty() ? 0 : 1;
    ASSERT_EQ(store.find_trace_ids(q), expected) << "query #" << i << " " << random_corpus::describe(q);
  }
  EXPECT_GT(non_empty, 100);  // the random queries must exercise real matches, not only empty results
}

INSTANTIATE_TEST_SUITE_P(Shards, SearchReferenceTest, ::testing::Values(1, 3, 16));

}  // namespace
}  // namespace peregrine::storage::memory
