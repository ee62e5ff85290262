// Exponential back-off: delay(n) = min(max, initial * factor^n), optionally jittered. Used for watch reconnects,
// leader-election retries and per-key work-queue retries.
#pragma once
#include <chrono>

namespace peregrine::kube {

struct BackoffPolicy {
  std::chrono::milliseconds initial{200};
  std::chrono::milliseconds max{30000};
  double factor = 2.0;
  double jitter = 0.0;  // fraction of the delay added at random: 0.1 → up to +10%
};

// Delay before retry number `failures` (0-based: the first retry waits `initial`). No jitter.
std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int failures);

// Stateful helper: next() returns the next delay (with jitter) and counts the attempt; reset() after a success.
class ExponentialBackoff {
 public:
  explicit ExponentialBackoff(BackoffPolicy policy = {}) : policy_(policy) {}
  std::chrono::milliseconds next();
  void reset() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  BackoffPolicy policy_;
  int failures_ = 0;
};

}  // namespace peregrine::kube
