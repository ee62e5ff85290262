// BulkWriter against a scripted in-process sender: batching limits, group commit across concurrent tickets,
// whole-request retries, per-document retries and rejections, abandoned tickets, shutdown, and metrics.
#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "backend/common/metrics.hpp"
#include "backend/storage/elasticsearch/bulk_writer.hpp"

namespace peregrine::storage::elasticsearch {
namespace {

using namespace std::chrono_literals;

// Records every bulk body; answers from a script (default: every document stored).
class ScriptedSender {
 public:
  using Script = std::function<esutil::EsResponse(const std::vector<std::string>& docs)>;
  void push(Script s) {
    std::lock_guard<std::mutex> lock(mu_);
    script_.push_back(std::move(s));
  }
  esutil::EsResponse operator()(const std::string& body) {
    std::vector<std::string> docs;
    size_t pos = 0;
    while (pos < body.size()) {
      size_t a = body.find('\n', pos);
      size_t b = body.find('\n', a + 1);
      docs.push_back(body.substr(a + 1, b - a - 1));
      pos = b + 1;
    }
    Script s;
    {
      std::lock_guard<std::mutex> lock(mu_);
      batches_.push_back(docs);
      if (!script_.empty()) {
        s = std::move(script_.front());
        script_.pop_front();
      }
    }
    return s ? s(docs) : all_stored(docs);
  }
  static esutil::EsResponse all_stored(const std::vector<std::string>& docs) {
    nlohmann::json items = nlohmann::json::array();
    for (size_t i = 0; i < docs.size(); ++i) items.push_back({{"index", {{"_index", "idx-000001"}, {"status", 201}}}});
    esutil::EsResponse r;
    r.status = 200;
    r.body = nlohmann::ordered_json{{"took", 1}, {"errors", false}, {"items", items}}.dump();
    return r;
  }
  static esutil::EsResponse statuses(const std::vector<int>& st) {
    nlohmann::json items = nlohmann::json::array();
    for (int s : st) {
      nlohmann::json item{{"_index", "idx-000001"}, {"status", s}};
      if (s >= 300) item["error"] = {{"type", s == 429 ? "es_rejected_execution_exception" : "mapper_parsing_exception"}, {"reason", "scripted"}};
      items.push_back({{"index", item}});
    }
    esutil::EsResponse r;
    r.status = 200;
    r.body = nlohmann::ordered_json{{"took", 1}, {"errors", true}, {"items", items}}.dump();
    return r;
  }
  static esutil::EsResponse http_status(long status) {
    esutil::EsResponse r;
    r.status = status;
    r.body = R"({"error":{"type":"unavailable","reason":"scripted"},"status":503})";
    return r;
  }
  std::vector<std::vector<std::string>> batches() {
    std::lock_guard<std::mutex> lock(mu_);
    return batches_;
  }

 private:
  std::mutex mu_;
  std::deque<Script> script_;
  std::vector<std::vector<std::string>> batches_;
};

std::vector<BulkItem> items_for(const std::shared_ptr<BulkTicket>& ticket, size_t n, const std::string& tag,
                                size_t payload_size = 0) {
  std::vector<BulkItem> out;
  for (size_t i = 0; i < n; ++i) {
    BulkItem it;
    std::string doc = tag + "-" + std::to_string(i);
    if (payload_size > doc.size()) doc.append(payload_size - doc.size(), 'x');
    it.payload = "{\"index\":{\"_index\":\"i\"}}\n" + doc + "\n";
    it.ticket = ticket;
    out.push_back(std::move(it));
  }
  return out;
}

struct Fixture {
  common::MetricsRegistry registry;
  BulkMetrics metrics{registry};
  std::shared_ptr<ScriptedSender> sender = std::make_shared<ScriptedSender>();
  BulkSender send() {
    auto s = sender;
    return [s](const std::string& body) { return (*s)(body); };
  }
};

constexpr BulkRetryPolicy kFastRetry{std::chrono::milliseconds(1), std::chrono::milliseconds(5)};

TEST(BulkWriter, SplitsByActionsAndBytes) {
  Fixture f;
  BulkOptions opts;
  opts.max_actions = 3;
  opts.workers = 1;
  {
    BulkWriter w(opts, f.send(), f.metrics, {}, kFastRetry);
    auto t = std::make_shared<BulkTicket>(7);
    w.submit(items_for(t, 7, "a"));
    ASSERT_TRUE(t->wait_until(std::chrono::steady_clock::now() + 10s));
    EXPECT_FALSE(t->failed());
  }
  size_t total = 0;
  for (const auto& b : f.sender->batches()) {
    EXPECT_LE(b.size(), 3u);
    total += b.size();
  }
  EXPECT_EQ(total, 7u);
  EXPECT_EQ(f.metrics.attempts.value(), 7);
  EXPECT_EQ(f.metrics.inserts.value(), 7);

  Fixture g;
  BulkOptions by_bytes;
  by_bytes.max_bytes = 250;  // ~2 documents of 100 bytes per request
  BulkWriter w(by_bytes, g.send(), g.metrics, {}, kFastRetry);
  auto t = std::make_shared<BulkTicket>(6);
  w.submit(items_for(t, 6, "b", 100));
  ASSERT_TRUE(t->wait_until(std::chrono::steady_clock::now() + 10s));
  w.close(1s);
  for (const auto& b : g.sender->batches()) EXPECT_LE(b.size(), 2u);
}

TEST(BulkWriter, ConcurrentCallersShareRequests) {
  Fixture f;
  BulkOptions opts;
  opts.workers = 1;
  BulkWriter w(opts, f.send(), f.metrics, {}, kFastRetry);
  // Hold the first request until every caller has queued, so the next request carries all of them.
  std::promise<void> release, entered;
  auto released = release.get_future().share();
  f.sender->push([released, &entered](const std::vector<std::string>& docs) {
    entered.set_value();
    released.wait();
    return ScriptedSender::all_stored(docs);
  });
  auto first = std::make_shared<BulkTicket>(1);
  w.submit(items_for(first, 1, "first"));
  entered.get_future().wait();
  std::vector<std::shared_ptr<BulkTicket>> tickets;
  for (int c = 0; c < 8; ++c) {
    tickets.push_back(std::make_shared<BulkTicket>(5));
    w.submit(items_for(tickets.back(), 5, "c" + std::to_string(c)));
  }
  release.set_value();
  for (auto& t : tickets) ASSERT_TRUE(t->wait_until(std::chrono::steady_clock::now() + 10s));
  auto batches = f.sender->batches();
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_EQ(batches[1].size(), 40u);
}

TEST(BulkWriter, RetriesWholeRequestsUntilStored) {
  Fixture f;
  f.sender->push([](const auto&) { return ScriptedSender::http_status(503); });
  f.sender->push([](const auto&) { return ScriptedSender::http_status(429); });
  f.sender->push([](const auto&) {
    esutil::EsResponse r;
    r.transport_error = "connection refused (scripted)";
    return r;
  });
  BulkWriter w(BulkOptions{}, f.send(), f.metrics, {}, kFastRetry);
  auto t = std::make_shared<BulkTicket>(4);
  w.submit(items_for(t, 4, "r"));
  ASSERT_TRUE(t->wait_until(std::chrono::steady_clock::now() + 10s));
  EXPECT_FALSE(t->failed());
  EXPECT_EQ(t->rejected(), 0u);
  EXPECT_EQ(f.sender->batches().size(), 4u);
  EXPECT_EQ(f.metrics.errors.value(), 12);
  EXPECT_EQ(f.metrics.inserts.value(), 4);
  EXPECT_EQ(f.metrics.latency_err.count(), 3u);
}

TEST(BulkWriter, RetriesOnlyFailedDocumentsAndRejectsPermanentErrors) {
  Fixture f;
  f.sender->push([](const auto&) { return ScriptedSender::statuses({201, 429, 400, 503}); });
  std::vector<std::string> dropped;
  BulkHooks hooks;
  hooks.on_dropped = [&](const BulkItem& it) { dropped.push_back(it.cache_key); };
  BulkWriter w(BulkOptions{}, f.send(), f.metrics, hooks, kFastRetry);
  auto t = std::make_shared<BulkTicket>(4);
  auto items = items_for(t, 4, "d");
  items[2].kind = DocumentKind::Service;
  items[2].cache_key = "svc-key";
  w.submit(std::move(items));
  ASSERT_TRUE(t->wait_until(std::chrono::steady_clock::now() + 10s));
  EXPECT_EQ(t->rejected(), 1u);
  auto batches = f.sender->batches();
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_EQ(batches[1], (std::vector<std::string>{"d-1", "d-3"}));
  EXPECT_EQ(dropped, (std::vector<std::string>{"svc-key"}));
  EXPECT_EQ(f.metrics.inserts.value(), 3);
  EXPECT_EQ(f.metrics.errors.value(), 3);
}

TEST(BulkWriter, AbandonedTicketsAreNotSent) {
  Fixture f;
  std::promise<void> release, entered;
  auto released = release.get_future().share();
  f.sender->push([released, &entered](const std::vector<std::string>& docs) {
    entered.set_value();
    released.wait();
    return ScriptedSender::all_stored(docs);
  });
  BulkWriter w(BulkOptions{}, f.send(), f.metrics, {}, kFastRetry);
  auto busy = std::make_shared<BulkTicket>(1);
  w.submit(items_for(busy, 1, "busy"));
  entered.get_future().wait();
  auto gave_up = std::make_shared<BulkTicket>(2);
  w.submit(items_for(gave_up, 2, "gave-up"));
  gave_up->abandon();
  auto kept = std::make_shared<BulkTicket>(1);
  w.submit(items_for(kept, 1, "kept"));
  release.set_value();
  ASSERT_TRUE(kept->wait_until(std::chrono::steady_clock::now() + 10s));
  for (const auto& b : f.sender->batches())
    for (const auto& d : b) EXPECT_EQ(d.find("gave-up"), std::string::npos);
}

TEST(BulkWriter, CloseFailsWhatCannotBeStored) {
  Fixture f;
  for (int i = 0; i < 1000; ++i) f.sender->push([](const auto&) { return ScriptedSender::http_status(503); });
  BulkWriter w(BulkOptions{}, f.send(), f.metrics, {}, kFastRetry);
  auto t = std::make_shared<BulkTicket>(3);
  w.submit(items_for(t, 3, "x"));
  w.close(50ms);
  ASSERT_TRUE(t->wait_until(std::chrono::steady_clock::now() + 10s));
  EXPECT_TRUE(t->failed());
  auto late = std::make_shared<BulkTicket>(1);
  w.submit(items_for(late, 1, "late"));
  EXPECT_TRUE(late->failed());
}

TEST(BulkWriter, BeforeSendFailuresDelayDocuments) {
  Fixture f;
  std::atomic<int> calls{0};
  BulkHooks hooks;
  hooks.before_send = [&](std::string* err) {
    if (++calls < 3) {
      *err = "cluster not ready";
      return false;
    }
    return true;
  };
  BulkWriter w(BulkOptions{}, f.send(), f.metrics, hooks, kFastRetry);
  auto t = std::make_shared<BulkTicket>(2);
  w.submit(items_for(t, 2, "boot"));
  ASSERT_TRUE(t->wait_until(std::chrono::steady_clock::now() + 10s));
  EXPECT_FALSE(t->failed());
  EXPECT_GE(calls.load(), 3);
  EXPECT_EQ(f.sender->batches().size(), 1u);
}

TEST(BulkWriter, ReportsConcreteSpanIndex) {
  Fixture f;
  std::string seen;
  BulkHooks hooks;
  hooks.on_span_index = [&](const std::string& idx) { seen = idx; };
  BulkWriter w(BulkOptions{}, f.send(), f.metrics, hooks, kFastRetry);
  auto t = std::make_shared<BulkTicket>(1);
  w.submit(items_for(t, 1, "s"));
  ASSERT_TRUE(t->wait_until(std::chrono::steady_clock::now() + 10s));
  w.close(1s);
  EXPECT_EQ(seen, "idx-000001");
}

}  // namespace
}  // namespace peregrine::storage::elasticsearch
