// RequestStats: counts of API requests by Kubernetes verb and the successful writes, with a bounded log of
// recent writes — what a test asserts for "no writes at steady state". Served at /__double/stats.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

namespace peregrine::kubedouble {

class RequestStats {
 public:
  // verb: get, list, watch, create, update, patch, delete, deletecollection; code: the HTTP answer.
  void record(const std::string& verb, const std::string& method, const std::string& path, int code);
  uint64_t writes() const;
  nlohmann::json to_json() const;
  void reset();

 private:
  mutable std::mutex mutex_;
  std::map<std::string, uint64_t> by_verb_;
  uint64_t writes_ = 0;
  std::deque<std::string> recent_writes_;
};

}  // namespace peregrine::kubedouble
