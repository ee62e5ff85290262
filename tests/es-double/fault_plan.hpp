// Fault injection of the Elasticsearch double, configured through POST /_double/faults:
//   {"requests": [{"match": "_bulk", "status": 503, "drop": false, "delay_ms": 0, "count": -1}, …],
//    "items": {"status": 429, "every": 2, "count": 10, "type": "…", "reason": "…"}}
// A request rule applies to requests whose path contains `match` ("" = every non-admin request): answer with
// `status` (an Elasticsearch error body), or close the connection without answering (`drop`), after waiting
// `delay_ms` (a rule with only a delay slows responses down). `count` limits how many requests it affects
// (-1 = until cleared). The item rule fails every `every`-th bulk document with `status`, `count` times.
#pragma once
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tests/es-double/es_bulk.hpp"

namespace peregrine::esdouble {

struct RequestRule {
  std::string match;
  int status = 0;  // 0: answer normally (after the delay)
  bool drop = false;
  int delay_ms = 0;
  int64_t count = -1;
};

struct RequestFaultDecision {
  bool applies = false;
  int status = 0;
  bool drop = false;
  int delay_ms = 0;
};

class FaultPlan {
 public:
  // Replaces the plan. Throws std::invalid_argument for an unknown key.
  void configure(const nlohmann::json& plan);
  void clear();
  RequestFaultDecision for_request(const std::string& path);
  std::optional<ItemFault> for_item();
  nlohmann::json describe() const;

 private:
  mutable std::mutex mu_;
  std::vector<RequestRule> rules_;
  bool items_enabled_ = false;
  ItemFault item_fault_;
  int64_t item_every_ = 1;
  int64_t item_count_ = -1;
  uint64_t item_seen_ = 0;
};

}  // namespace peregrine::esdouble
