// WorkQueue implementation: dirty/processing sets, a FIFO of ready keys, and a min-heap of delayed keys that
// get()/get_for() promote when due (no timer thread).
#include "operator/kube/work_queue.hpp"

#include "operator/kube/backoff.hpp"

namespace peregrine::kube {

WorkQueue::WorkQueue(WorkQueueOptions options) : options_(options) {}

void WorkQueue::add_locked(const std::string& key) {
  if (shutting_down_ || dirty_.count(key)) return;
  dirty_.insert(key);
  ++adds_;
  if (processing_.count(key)) return;  // done() re-queues it
  queue_.push_back(key);
  cv_.notify_one();
}

void WorkQueue::add(const std::string& key) {
  std::lock_guard lock(mutex_);
  add_locked(key);
}

void WorkQueue::add_after(const std::string& key, std::chrono::milliseconds delay) {
  std::lock_guard lock(mutex_);
  if (shutting_down_) return;
  if (delay.count() <= 0) {
    add_locked(key);
    return;
  }
  const auto ready_at = Clock::now() + delay;
  auto it = waiting_.find(key);
  if (it != waiting_.end() && it->second <= ready_at) return;  // an earlier add already waits
  waiting_[key] = ready_at;
  waiting_heap_.emplace(ready_at, key);
  cv_.notify_all();  // a sleeping get() may need to wake earlier
}

std::chrono::milliseconds WorkQueue::next_backoff(const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(key);
  const int failures = it == failures_.end() ? 0 : it->second;
  return backoff_delay(BackoffPolicy{options_.base_delay, options_.max_delay, 2.0, 0.0}, failures);
}

void WorkQueue::add_rate_limited(const std::string& key) {
  const auto delay = next_backoff(key);
  {
    std::lock_guard lock(mutex_);
    ++failures_[key];
    ++retries_;
  }
  add_after(key, delay);
}

void WorkQueue::forget(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

int WorkQueue::num_requeues(const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(key);
  return it == failures_.end() ? 0 : it->second;
}

void WorkQueue::promote_due_locked(Clock::time_point now) {
  while (!waiting_heap_.empty() && waiting_heap_.top().first <= now) {
    auto [ready_at, key] = waiting_heap_.top();
    waiting_heap_.pop();
    auto it = waiting_.find(key);
    if (it == waiting_.end() || it->second != ready_at) continue;  // stale heap entry
    waiting_.erase(it);
    add_locked(key);
  }
}

std::optional<std::string> WorkQueue::pop_locked() {
  std::string key = std::move(queue_.front());
  queue_.pop_front();
  processing_.insert(key);
  dirty_.erase(key);
  return key;
}

std::optional<std::string> WorkQueue::get() {
  std::unique_lock lock(mutex_);
  while (true) {
    if (shutting_down_) return std::nullopt;
    promote_due_locked(Clock::now());
    if (!queue_.empty()) return pop_locked();
    if (waiting_heap_.empty()) {
      cv_.wait(lock);
    } else {
      cv_.wait_until(lock, waiting_heap_.top().first);
    }
  }
}

std::optional<std::string> WorkQueue::get_for(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::unique_lock lock(mutex_);
  while (true) {
    if (shutting_down_) return std::nullopt;
    const auto now = Clock::now();
    promote_due_locked(now);
    if (!queue_.empty()) return pop_locked();
    if (now >= deadline) return std::nullopt;
    auto wake = deadline;
    if (!waiting_heap_.empty() && waiting_heap_.top().first < wake) wake = waiting_heap_.top().first;
    cv_.wait_until(lock, wake);
  }
}

void WorkQueue::done(const std::string& key) {
  std::lock_guard lock(mutex_);
  processing_.erase(key);
  if (dirty_.count(key) && !shutting_down_) {
    queue_.push_back(key);
    cv_.notify_one();
  }
}

void WorkQueue::shut_down() {
  {
    std::lock_guard lock(mutex_);
    shutting_down_ = true;
  }
  cv_.notify_all();
}

bool WorkQueue::shutting_down() const {
  std::lock_guard lock(mutex_);
  return shutting_down_;
}

size_t WorkQueue::length() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

WorkQueueStats WorkQueue::stats() const {
  std::lock_guard lock(mutex_);
  return WorkQueueStats{queue_.size(), processing_.size(), waiting_.size(), adds_, retries_};
}

}  // namespace peregrine::kube
