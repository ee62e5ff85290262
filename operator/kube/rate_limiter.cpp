// Token bucket with reservations (tokens may go negative; the debt is the caller's wait).
#include "operator/kube/rate_limiter.hpp"

#include <algorithm>
#include <thread>

namespace peregrine::kube {

TokenBucket::TokenBucket(double qps, int burst)
    : qps_(qps), burst_(std::max(1, burst)), tokens_(std::max(1, burst)), last_(std::chrono::steady_clock::now()) {}

void TokenBucket::refill(std::chrono::steady_clock::time_point now) {
  const double elapsed = std::chrono::duration<double>(now - last_).count();
  last_ = now;
  tokens_ = std::min(static_cast<double>(burst_), tokens_ + elapsed * qps_);
}

std::chrono::nanoseconds TokenBucket::reserve() {
  if (qps_ <= 0) return std::chrono::nanoseconds(0);
  std::lock_guard lock(mutex_);
  refill(std::chrono::steady_clock::now());
  tokens_ -= 1.0;
  if (tokens_ >= 0) return std::chrono::nanoseconds(0);
  return std::chrono::nanoseconds(static_cast<long long>(-tokens_ / qps_ * 1e9));
}

bool TokenBucket::try_acquire() {
  if (qps_ <= 0) return true;
  std::lock_guard lock(mutex_);
  refill(std::chrono::steady_clock::now());
  if (tokens_ < 1.0) return false;
  tokens_ -= 1.0;
  return true;
}

bool TokenBucket::acquire(const StopSignal* stop) {
  const auto wait = reserve();
  if (wait.count() == 0) return !(stop && stop->stop_requested());
  if (stop) {
    if (stop->wait_for(wait)) {
      std::lock_guard lock(mutex_);
      tokens_ = std::min(static_cast<double>(burst_), tokens_ + 1.0);  // give the unused reservation back
      return false;
    }
    return true;
  }
  std::this_thread::sleep_for(wait);
  return true;
}

}  // namespace peregrine::kube
