// RequestStats implementation.
#include "tests/kube-apiserver-double/request_stats.hpp"

namespace peregrine::kubedouble {

void RequestStats::record(const std::string& verb, const std::string& method, const std::string& path, int code) {
  std::lock_guard lock(mutex_);
  ++by_verb_[verb];
  const bool write = verb == "create" || verb == "update" || verb == "patch" || verb == "delete" ||
                     verb == "deletecollection";
  if (write && code >= 200 && code < 300) {
    ++writes_;
    recent_writes_.push_back(method + " " + path + " " + std::to_string(code));
    if (recent_writes_.size() > 500) recent_writes_.pop_front();
  }
}

uint64_t RequestStats::writes() const {
  std::lock_guard lock(mutex_);
  return writes_;
}

nlohmann::json RequestStats::to_json() const {
  std::lock_guard lock(mutex_);
  nlohmann::json verbs = nlohmann::json::object();
  for (const auto& [verb, n] : by_verb_) verbs[verb] = n;
  return {{"verbs", verbs}, {"writes", writes_}, {"recentWrites", recent_writes_}};
}

void RequestStats::reset() {
  std::lock_guard lock(mutex_);
  by_verb_.clear();
  writes_ = 0;
  recent_writes_.clear();
}

}  // namespace peregrine::kubedouble
