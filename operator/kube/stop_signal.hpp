// StopSignal: a one-shot, thread-safe cancellation flag shared by long-running loops (informers, electors,
// watches). Interruptible sleeps, and callbacks that wake blocked I/O (e.g. a watch's curl_multi_wakeup).
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

namespace peregrine::kube {

class StopSignal {
 public:
  StopSignal() = default;
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  // Sets the flag, wakes every wait_for, runs the registered callbacks once. Idempotent.
  void request_stop();
  bool stop_requested() const { return stopped_.load(std::memory_order_acquire); }

  // Sleeps up to `d`; returns true when stop was requested (before or during the wait).
  bool wait_for(std::chrono::nanoseconds d) const;

  // Runs `fn` on request_stop (at once when already stopped). The id removes it; callbacks must be cheap.
  uint64_t add_callback(std::function<void()> fn) const;
  void remove_callback(uint64_t id) const;

 private:
  std::atomic<bool> stopped_{false};
  mutable std::mutex mutex_;
  mutable std::condition_variable cv_;
  mutable std::map<uint64_t, std::function<void()>> callbacks_;
  mutable uint64_t next_id_ = 1;
};

// RAII registration of a StopSignal callback.
class StopCallback {
 public:
  StopCallback(const StopSignal* signal, std::function<void()> fn);
  ~StopCallback();
  StopCallback(const StopCallback&) = delete;
  StopCallback& operator=(const StopCallback&) = delete;

 private:
  const StopSignal* signal_;
  uint64_t id_ = 0;
};

}  // namespace peregrine::kube
