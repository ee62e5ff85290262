// WorkQueue: client-go's rate-limited work queue semantics for string keys.
//  - add(): a key waiting in the queue is never queued twice (dedupe);
//  - get() marks the key "processing" until done(); a key added while processing is re-queued by done(), so
//    one key never runs in two workers at once;
//  - add_after(): delayed add (the earliest pending time per key wins);
//  - add_rate_limited(): delayed add with per-key exponential back-off (base * 2^failures, capped);
//    forget() resets the key's failure count after a success;
//  - shut_down(): get() returns nullopt once shutting down (waiting keys are dropped).
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <queue>
#include <set>
#include <string>
#include <vector>

namespace peregrine::kube {

struct WorkQueueOptions {
  std::chrono::milliseconds base_delay{5};
  std::chrono::milliseconds max_delay{1000 * 1000};  // 1000 s, as client-go's default controller rate limiter
};

struct WorkQueueStats {
  size_t depth = 0;            // keys ready to be processed
  size_t processing = 0;       // keys held by workers
  size_t waiting = 0;          // delayed keys not yet ready
  uint64_t adds = 0;           // add() calls that queued a key
  uint64_t retries = 0;        // add_rate_limited() calls
};

class WorkQueue {
 public:
  using Clock = std::chrono::steady_clock;

  explicit WorkQueue(WorkQueueOptions options = {});
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  void add(const std::string& key);
  void add_after(const std::string& key, std::chrono::milliseconds delay);
  // add_after(key, back-off for this key's failure count), then counts one more failure.
  void add_rate_limited(const std::string& key);
  void forget(const std::string& key);
  int num_requeues(const std::string& key) const;
  // The delay the next add_rate_limited(key) would use.
  std::chrono::milliseconds next_backoff(const std::string& key) const;

  // Blocks for the next key (moving due delayed keys in); nullopt after shut_down().
  std::optional<std::string> get();
  // Like get() but gives up after `timeout` (nullopt) — for loops that also poll something else.
  std::optional<std::string> get_for(std::chrono::milliseconds timeout);
  void done(const std::string& key);

  void shut_down();
  bool shutting_down() const;

  size_t length() const;  // ready keys (the "depth" metric)
  WorkQueueStats stats() const;

 private:
  void add_locked(const std::string& key);
  void promote_due_locked(Clock::time_point now);
  std::optional<std::string> pop_locked();

  const WorkQueueOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  std::set<std::string> dirty_;
  std::set<std::string> processing_;
  std::map<std::string, Clock::time_point> waiting_;  // key → when it becomes ready
  using Timed = std::pair<Clock::time_point, std::string>;
  std::priority_queue<Timed, std::vector<Timed>, std::greater<>> waiting_heap_;  // may hold stale entries
  std::map<std::string, int> failures_;
  bool shutting_down_ = false;
  uint64_t adds_ = 0;
  uint64_t retries_ = 0;
};

}  // namespace peregrine::kube
