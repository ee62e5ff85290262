// FaultInjector implementation.
#include "tests/kube-apiserver-double/fault_injector.hpp"

namespace peregrine::kubedouble {

void FaultInjector::add(FaultRule rule) {
  std::lock_guard lock(mutex_);
  if (rule.count > 0) rules_.push_back(std::move(rule));
}

std::optional<FaultRule> FaultInjector::take(const std::string& method, const std::string& path) {
  std::lock_guard lock(mutex_);
  for (auto it = rules_.begin(); it != rules_.end(); ++it) {
    if (!it->method.empty() && it->method != method) continue;
    if (!it->path_prefix.empty() && path.compare(0, it->path_prefix.size(), it->path_prefix) != 0) continue;
    FaultRule taken = *it;
    if (--it->count <= 0) rules_.erase(it);
    return taken;
  }
  return std::nullopt;
}

void FaultInjector::clear() {
  std::lock_guard lock(mutex_);
  rules_.clear();
}

}  // namespace peregrine::kubedouble
