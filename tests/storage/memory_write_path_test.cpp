// Tests of the memory store's write fast path: a batch written grouped by shard and trace (unbounded store) must
// leave exactly the state an in-order, span-by-span write leaves (the path used with --memory.max-traces), with
// interleaved traces, duplicates inside and across batches, shared and equal-but-distinct processes; plus the open
// addressing symbol table and trace-id map against reference models, and the short-string equality used by the
// symbol lookups.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "backend/storage/memory/memory_store.hpp"
#include "backend/storage/memory/string_hash.hpp"
#include "backend/storage/memory/symbol_table.hpp"
#include "backend/storage/memory/trace_slot_map.hpp"
#include "tests/storage/span_builder.hpp"

namespace peregrine::storage::memory {
namespace {

using testing::make_process;
using testing::SpanBuilder;

constexpr int64_t kT0 = 1'600'000'000'000'000;

void expect_same_trace(const model::Trace& a, const model::Trace& b) {
  ASSERT_EQ(a.spans.size(), b.spans.size());
  for (size_t i = 0; i < a.spans.size(); ++i) {
    const model::Span& x = a.spans[i];
    const model::Span& y = b.spans[i];
    EXPECT_EQ(x.trace_id, y.trace_id);
    EXPECT_EQ(x.span_id, y.span_id) << i;
    EXPECT_EQ(x.operation_name, y.operation_name);
    EXPECT_EQ(x.references, y.references);
    EXPECT_EQ(x.flags, y.flags);
    EXPECT_EQ(x.start_time_us, y.start_time_us);
    EXPECT_EQ(x.duration_us, y.duration_us);
    EXPECT_EQ(x.tags, y.tags);
    EXPECT_EQ(x.logs, y.logs);
    EXPECT_EQ(*x.process, *y.process);
    EXPECT_EQ(x.warnings, y.warnings);
  }
}

TEST(MemoryWritePath, GroupedBatchesLeaveTheSameStateAsOrderedWrites) {
  std::mt19937_64 rng(42);
  MemoryStore grouped;                                 // unbounded: grouped by shard and trace
  MemoryStore ordered(MemoryStoreOptions{1'000'000'000, 16});  // bounded: span by span, in order
  const std::vector<std::string> services = {"frontend", "cart", "payment-service-with-a-long-name"};
  const std::vector<std::string> ops = {"GET /", "POST /cart", "charge", "a-long-operation-name-for-hashing"};
  std::vector<model::Span> history;
  for (int b = 0; b < 40; ++b) {
    // A process pointer per service per batch (as receivers create), plus an equal copy used by some spans.
    std::vector<model::ProcessPtr> procs;
    for (const auto& s : services) {
      procs.push_back(make_process(s, {model::KeyValue::String("host", "h-" + s)}));
      procs.push_back(make_process(s, {model::KeyValue::String("host", "h-" + s)}));
    }
    model::SpanBatch batch;
    const int spans = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < spans; ++i) {
      if (!history.empty() && rng() % 10 == 0) {  // a retried span from an earlier batch or this one
        batch.push_back(history[rng() % history.size()]);
        continue;
      }
      const uint64_t trace = 1 + rng() % 25;  // few traces: spans of a trace spread over batches and positions
      SpanBuilder s(trace, 1 + rng() % 40, procs[rng() % procs.size()]);
      s.op(ops[rng() % ops.size()])
          .start(kT0 + static_cast<int64_t>(rng() % 100000) - 50000)
          .duration(static_cast<int64_t>(rng() % 5000))
          .tag("http.method", rng() % 2 ? "GET" : "POST")
          .tag("user.id", "user-" + std::to_string(rng() % 1000))
          .tag(model::KeyValue::Int64("http.status_code", rng() % 3 ? 200 : 500))
          .tag("span.kind", rng() % 2 ? "server" : "client");
      if (rng() % 3 == 0) s.parent(1 + rng() % 40);
      if (rng() % 4 == 0) s.log(kT0 + 7, {model::KeyValue::String("event", "retry"), model::KeyValue::Bool("ok", false)});
      if (rng() % 7 == 0) s.warning("clock skew");
      batch.push_back(s.build());
      history.push_back(batch.back());
    }
    grouped.write_spans(batch);
    ordered.write_spans(batch);
  }
  EXPECT_EQ(grouped.trace_count(), ordered.trace_count());
  for (uint64_t trace = 1; trace <= 25; ++trace) {
    auto a = grouped.get_trace(model::TraceID{0, trace});
    auto b = ordered.get_trace(model::TraceID{0, trace});
    ASSERT_EQ(a.has_value(), b.has_value()) << trace;
    if (a) expect_same_trace(*a, *b);
  }
  EXPECT_EQ(grouped.get_services(), ordered.get_services());
  for (const auto& s : services) {
    OperationQuery q;
    q.service = s;
    auto x = grouped.get_operations(q);
    auto y = ordered.get_operations(q);
    ASSERT_EQ(x.size(), y.size());
    for (size_t i = 0; i < x.size(); ++i) {
      EXPECT_EQ(x[i].name, y[i].name);
      EXPECT_EQ(x[i].span_kind, y[i].span_kind);
    }
    TraceQuery tq;
    tq.service = s;
    tq.tags["http.status_code"] = "500";
    tq.num_traces = 10;
    EXPECT_EQ(grouped.find_trace_ids(tq), ordered.find_trace_ids(tq));
  }
  auto deps_a = grouped.get_dependencies(kT0 + 100000, 200000);
  auto deps_b = ordered.get_dependencies(kT0 + 100000, 200000);
  EXPECT_EQ(deps_a, deps_b);
}

TEST(MemoryWritePath, DuplicatesInsideOneBatchAreStoredOnce) {
  MemoryStore store;
  auto proc = make_process("svc");
  const model::Span a = SpanBuilder(1, 1, proc).start(kT0);
  const model::Span b = SpanBuilder(1, 2, proc).start(kT0 + 1);
  const model::Span other = SpanBuilder(2, 1, proc).start(kT0);
  store.write_spans({a, other, b, a, b, other});
  EXPECT_EQ(store.get_trace(model::TraceID{0, 1})->spans.size(), 2u);
  EXPECT_EQ(store.get_trace(model::TraceID{0, 2})->spans.size(), 1u);
}

TEST(SymbolTableModel, RandomAcquireReleaseMatchesAReferenceModel) {
  std::mt19937_64 rng(7);
  SymbolTable table;
  std::map<std::string, std::pair<uint32_t, uint32_t>> model_refs;  // text → (id, refs)
  for (int step = 0; step < 60000; ++step) {
    const std::string text = "k" + std::to_string(rng() % 700);
    auto it = model_refs.find(text);
    if (it == model_refs.end() || rng() % 2 == 0) {
      const uint32_t id = table.acquire(text);
      if (it == model_refs.end()) {
        model_refs[text] = {id, 1};
      } else {
        ASSERT_EQ(id, it->second.first) << text;
        it->second.second++;
      }
    } else {
      table.release(it->second.first);
      if (--it->second.second == 0) model_refs.erase(it);
    }
    if (step % 997 == 0) {
      ASSERT_EQ(table.live_count(), model_refs.size());
      for (const auto& [t, entry] : model_refs) {
        ASSERT_EQ(table.find(t), entry.first) << t;
        ASSERT_EQ(table.refs(entry.first), entry.second);
        ASSERT_EQ(table.text(entry.first), t);
        ASSERT_TRUE(table.holds(entry.first, t));
      }
      for (int k = 0; k < 20; ++k) {
        const std::string absent = "absent" + std::to_string(k);
        ASSERT_EQ(table.find(absent), SymbolTable::kNone);
      }
    }
  }
}

TEST(TraceSlotMapModel, RandomInsertEraseMatchesAReferenceModel) {
  std::mt19937_64 rng(11);
  TraceSlotMap map;
  std::map<model::TraceID, uint32_t> reference;
  for (uint32_t step = 0; step < 100000; ++step) {
    // Few distinct high halves and clustered low halves, like ids of one shard.
    const model::TraceID id{rng() % 3, (rng() % 5000) * 16};
    auto it = reference.find(id);
    if (it == reference.end()) {
      ASSERT_EQ(map.find(id), TraceSlotMap::kNone);
      map.insert(id, step);
      reference[id] = step;
    } else if (rng() % 3 == 0) {
      ASSERT_EQ(map.find(id), it->second);
      ASSERT_TRUE(map.erase(id));
      ASSERT_FALSE(map.erase(id));
      reference.erase(it);
    }
    if (step % 4999 == 0) {
      ASSERT_EQ(map.size(), reference.size());
      for (const auto& [key, slot] : reference) ASSERT_EQ(map.find(key), slot);
    }
  }
}

TEST(StringHashing, SameTextSeesEveryByteAtEveryLength) {
  for (size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'x');
    for (size_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + i % 26);
    EXPECT_TRUE(same_text(a, std::string(a)));
    EXPECT_FALSE(same_text(a, a + "!"));
    for (size_t pos = 0; pos < n; ++pos) {
      std::string b = a;
      b[pos] ^= 0x20;
      EXPECT_FALSE(same_text(a, b)) << n << " " << pos;
      EXPECT_NE(string_hash(a), string_hash(b)) << n << " " << pos;
    }
  }
  EXPECT_NE(string_hash("a"), string_hash("aa"));
  EXPECT_NE(string_hash(""), string_hash(std::string(1, '\0')));
}

}  // namespace
}  // namespace peregrine::storage::memory
