// MemoryStore behaviour of its own: --memory.max-traces eviction order, and the services/operations catalog
// surviving eviction. The behaviour every span store shares is in memory_contract_test.cpp.
#include "backend/storage/memory/memory_store.hpp"

#include <gtest/gtest.h>

#include "tests/storage/span_builder.hpp"
#include "tests/support/trace_queries.hpp"

namespace peregrine::storage::memory {
namespace {

using testing::make_process;
using testing::SpanBuilder;
using test_support::lows;
using test_support::query_for;

constexpr int64_t kT0 = 1'500'000'000'000'000;  // 2017-07-14, old timestamps must be accepted

TEST(MemoryStoreTest, EvictsOldestInsertedTrace) {
  MemoryStore store(MemoryStoreOptions{3, 16});
  auto proc = make_process("svc");
  // Inserted first but with the newest start: insertion order decides, not time.
  store.write_spans({SpanBuilder(1, 1, proc).start(kT0 + 1000)});
  store.write_spans({SpanBuilder(2, 1, proc).start(kT0 + 1)});
  store.write_spans({SpanBuilder(3, 1, proc).start(kT0 + 2)});
  store.write_spans({SpanBuilder(2, 2, proc).start(kT0 + 3)});  // adding to a trace does not re-insert it
  store.write_spans({SpanBuilder(4, 1, proc).start(kT0 + 4)});
  EXPECT_EQ(store.trace_count(), 3u);
  EXPECT_FALSE(store.get_trace(model::TraceID{0, 1}));
  EXPECT_TRUE(store.get_trace(model::TraceID{0, 2}));
  store.write_spans({SpanBuilder(5, 1, proc).start(kT0 + 5)});
  EXPECT_FALSE(store.get_trace(model::TraceID{0, 2}));
  EXPECT_EQ(lows(store.find_trace_ids(query_for("svc"))), (std::vector<uint64_t>{5, 4, 3}));
}

TEST(MemoryStoreTest, CatalogSurvivesEviction) {
  MemoryStore store(MemoryStoreOptions{1, 4});
  model::Span server = SpanBuilder(1, 1, make_process("a")).op("serve").tag("span.kind", "server");
  model::Span client = SpanBuilder(1, 2, make_process("a")).op("call").tag("span.kind", "client");
  model::Span plain = SpanBuilder(1, 3, make_process("a")).op("call");
  store.write_spans({server, client, plain});
  store.write_spans({SpanBuilder(2, 1, make_process("b")).op("other")});
  EXPECT_FALSE(store.get_trace(model::TraceID{0, 1}));
  EXPECT_EQ(store.get_services(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(store.get_operations(OperationQuery{"a", ""}),
            (std::vector<Operation>{{"call", ""}, {"call", "client"}, {"serve", "server"}}));
  EXPECT_EQ(store.get_operations(OperationQuery{"a", "server"}), (std::vector<Operation>{{"serve", "server"}}));
  EXPECT_TRUE(store.get_operations(OperationQuery{"zzz", ""}).empty());
  // Searching for the evicted trace's service finds nothing, and new data under freed ids decodes correctly.
  EXPECT_TRUE(store.find_trace_ids(query_for("a")).empty());
  store.write_spans({SpanBuilder(3, 1, make_process("c")).op("fresh").tag("k", "v2")});
  auto t = store.get_trace(model::TraceID{0, 3});
  ASSERT_TRUE(t);
  EXPECT_EQ(t->spans[0].operation_name, "fresh");
  EXPECT_EQ(t->spans[0].tags[0].str, "v2");
  EXPECT_EQ(t->spans[0].process->service_name, "c");
}

}  // namespace
}  // namespace peregrine::storage::memory
