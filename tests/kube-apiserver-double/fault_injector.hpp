// FaultInjector: test-driven failures. A rule makes the next `count` API requests matching a method and a path
// prefix fail with an HTTP code (a metav1.Status body with the matching reason), or drop the connection
// without answering (code 0). Registered through /__double/fail-next.
#pragma once
#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace peregrine::kubedouble {

struct FaultRule {
  std::string method;       // "" = any
  std::string path_prefix;  // "" = any
  int code = 500;           // 0 = close the connection without an answer
  int count = 1;
};

class FaultInjector {
 public:
  void add(FaultRule rule);
  // The rule consumed by this request, if any.
  std::optional<FaultRule> take(const std::string& method, const std::string& path);
  void clear();

 private:
  std::mutex mutex_;
  std::deque<FaultRule> rules_;
};

}  // namespace peregrine::kubedouble
