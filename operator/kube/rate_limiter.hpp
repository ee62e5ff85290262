// TokenBucket: the client-side request rate limit (client-go's --kube-api-qps / --kube-api-burst). Holds up to
// `burst` tokens refilled at `qps` per second; each request takes one, waiting when none is left.
#pragma once
#include <chrono>
#include <mutex>

#include "operator/kube/stop_signal.hpp"

namespace peregrine::kube {

class TokenBucket {
 public:
  // qps <= 0 disables limiting. burst < 1 is treated as 1.
  TokenBucket(double qps, int burst);

  // Takes a token, sleeping until one is available. Returns false (without a token) if `stop` fires first.
  bool acquire(const StopSignal* stop = nullptr);
  // Takes a token only if one is available now.
  bool try_acquire();
  // Reserves a token and returns how long the caller must wait before using it (0 when available).
  std::chrono::nanoseconds reserve();

  double qps() const { return qps_; }
  int burst() const { return burst_; }

 private:
  void refill(std::chrono::steady_clock::time_point now);

  const double qps_;
  const int burst_;
  std::mutex mutex_;
  double tokens_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace peregrine::kube
