// Exponential back-off arithmetic.
#include "operator/kube/backoff.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace peregrine::kube {

std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int failures) {
  const double initial = static_cast<double>(policy.initial.count());
  const double max = static_cast<double>(policy.max.count());
  const double delay = initial * std::pow(std::max(1.0, policy.factor), std::max(0, failures));
  return std::chrono::milliseconds(static_cast<long long>(std::min(max, delay)));
}

std::chrono::milliseconds ExponentialBackoff::next() {
  auto delay = backoff_delay(policy_, failures_);
  ++failures_;
  if (policy_.jitter > 0) {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    std::uniform_real_distribution<double> dist(0.0, policy_.jitter);
    delay += std::chrono::milliseconds(static_cast<long long>(static_cast<double>(delay.count()) * dist(rng)));
  }
  return delay;
}

}  // namespace peregrine::kube
