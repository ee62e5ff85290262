// StopSignal implementation.
#include "operator/kube/stop_signal.hpp"

#include <vector>

namespace peregrine::kube {

void StopSignal::request_stop() {
  std::vector<std::function<void()>> to_run;
  {
    std::lock_guard lock(mutex_);
    if (stopped_.exchange(true, std::memory_order_acq_rel)) return;
    for (auto& [id, fn] : callbacks_) to_run.push_back(fn);
  }
  cv_.notify_all();
  for (auto& fn : to_run) fn();
}

bool StopSignal::wait_for(std::chrono::nanoseconds d) const {
  std::unique_lock lock(mutex_);
  return cv_.wait_for(lock, d, [this] { return stopped_.load(std::memory_order_acquire); });
}

uint64_t StopSignal::add_callback(std::function<void()> fn) const {
  {
    std::lock_guard lock(mutex_);
    if (!stopped_.load(std::memory_order_acquire)) {
      const uint64_t id = next_id_++;
      callbacks_.emplace(id, std::move(fn));
      return id;
    }
  }
  fn();
  return 0;
}

void StopSignal::remove_callback(uint64_t id) const {
  std::lock_guard lock(mutex_);
  callbacks_.erase(id);
}

StopCallback::StopCallback(const StopSignal* signal, std::function<void()> fn) : signal_(signal) {
  if (signal_) id_ = signal_->add_callback(std::move(fn));
}

StopCallback::~StopCallback() {
  if (signal_ && id_ != 0) signal_->remove_callback(id_);
}

}  // namespace peregrine::kube
