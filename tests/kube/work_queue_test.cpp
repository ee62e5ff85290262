// WorkQueue and WorkerPool semantics: dedupe, requeue-while-processing, no concurrent processing of one key,
// per-key exponential back-off and forget, delayed adds, shutdown.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "kube_test_support.hpp"
#include "operator/kube/work_queue.hpp"
#include "operator/kube/worker_pool.hpp"

namespace peregrine::kube {
namespace {

using namespace std::chrono_literals;
using testing::eventually;

TEST(WorkQueue, DedupesWaitingKeys) {
  WorkQueue q;
  q.add("a");
  q.add("a");
  q.add("b");
  q.add("a");
  EXPECT_EQ(q.length(), 2u);
  EXPECT_EQ(q.get(), "a");
  EXPECT_EQ(q.get(), "b");
  EXPECT_EQ(q.length(), 0u);
}

TEST(WorkQueue, KeyAddedWhileProcessingIsRequeuedOnDone) {
  WorkQueue q;
  q.add("a");
  auto key = q.get();
  ASSERT_EQ(key, "a");
  q.add("a");  // while processing: not handed to another worker
  q.add("a");
  EXPECT_EQ(q.length(), 0u);
  EXPECT_FALSE(q.get_for(20ms).has_value());
  q.done("a");
  EXPECT_EQ(q.length(), 1u);
  EXPECT_EQ(q.get(), "a");
  q.done("a");
  EXPECT_EQ(q.length(), 0u);
}

TEST(WorkQueue, RateLimitedBackoffGrowsPerKeyAndForgetResets) {
  WorkQueue q(WorkQueueOptions{5ms, 1000ms});
  EXPECT_EQ(q.next_backoff("a"), 5ms);
  q.add_rate_limited("a");
  EXPECT_EQ(q.num_requeues("a"), 1);
  EXPECT_EQ(q.next_backoff("a"), 10ms);
  q.add_rate_limited("a");
  q.add_rate_limited("a");
  EXPECT_EQ(q.next_backoff("a"), 40ms);
  EXPECT_EQ(q.next_backoff("b"), 5ms);  // per key
  for (int i = 0; i < 20; ++i) q.add_rate_limited("a");
  EXPECT_EQ(q.next_backoff("a"), 1000ms);  // capped
  q.forget("a");
  EXPECT_EQ(q.num_requeues("a"), 0);
  EXPECT_EQ(q.next_backoff("a"), 5ms);
  // The delayed key arrives once (deduped).
  EXPECT_EQ(q.get(), "a");
  q.done("a");
  EXPECT_FALSE(q.get_for(50ms).has_value());
}

TEST(WorkQueue, AddAfterDeliversLaterAndKeepsEarliest) {
  WorkQueue q;
  q.add_after("late", 10min);
  q.add_after("soon", 10ms);
  EXPECT_EQ(q.stats().waiting, 2u);
  EXPECT_EQ(q.get(), "soon");
  q.add_after("late", 10ms);  // an earlier time wins
  EXPECT_EQ(q.get(), "late");
}

TEST(WorkQueue, ShutdownReleasesWaitingGetters) {
  WorkQueue q;
  std::atomic<int> released{0};
  std::vector<std::thread> getters;
  for (int i = 0; i < 3; ++i) {
    getters.emplace_back([&] {
      if (!q.get().has_value()) ++released;
    });
  }
  q.shut_down();
  for (auto& t : getters) t.join();
  EXPECT_EQ(released.load(), 3);
  q.add("x");
  EXPECT_FALSE(q.get().has_value());
}

TEST(WorkerPool, NeverProcessesOneKeyConcurrently) {
  WorkQueue q;
  std::mutex mutex;
  std::map<std::string, int> running;
  std::atomic<int> overlaps{0};
  std::atomic<int> processed{0};
  WorkerPool pool(q, 4, [&](const std::string& key) {
    {
      std::lock_guard lock(mutex);
      if (++running[key] > 1) ++overlaps;
    }
    std::this_thread::sleep_for(1ms);
    {
      std::lock_guard lock(mutex);
      --running[key];
    }
    ++processed;
    return ProcessResult::done();
  });
  pool.start();
  for (int round = 0; round < 200; ++round) {
    q.add("hot");
    q.add("k" + std::to_string(round % 7));
  }
  ASSERT_TRUE(eventually([&] { return q.stats().depth == 0 && q.stats().processing == 0 && processed.load() > 0; }));
  pool.stop();
  EXPECT_EQ(overlaps.load(), 0);
}

TEST(WorkerPool, RetriesWithBackoffUntilSuccess) {
  WorkQueue q(WorkQueueOptions{1ms, 50ms});
  std::atomic<int> attempts{0};
  std::atomic<bool> done{false};
  WorkerPool pool(q, 2, [&](const std::string& key) {
    if (++attempts < 4) throw std::runtime_error("transient");
    done = true;
    return ProcessResult::done();
  });
  pool.start();
  q.add("flaky");
  ASSERT_TRUE(eventually([&] { return done.load(); }));
  ASSERT_TRUE(eventually([&] { return q.num_requeues("flaky") == 0; }));  // forgotten after success
  pool.stop();
  EXPECT_EQ(attempts.load(), 4);
}

TEST(WorkerPool, RequeueAfterSchedulesAgain) {
  WorkQueue q;
  std::atomic<int> runs{0};
  WorkerPool pool(q, 1, [&](const std::string&) {
    return ++runs < 3 ? ProcessResult::requeue_after(5ms) : ProcessResult::done();
  });
  pool.start();
  q.add("periodic");
  ASSERT_TRUE(eventually([&] { return runs.load() == 3; }));
  pool.stop();
}

}  // namespace
}  // namespace peregrine::kube
