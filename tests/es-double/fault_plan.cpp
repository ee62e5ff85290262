// Fault injection plan of the Elasticsearch double (see fault_plan.hpp).
#include "tests/es-double/fault_plan.hpp"

#include <stdexcept>

namespace peregrine::esdouble {

using Json = nlohmann::json;

void FaultPlan::configure(const Json& plan) {
  if (!plan.is_object()) throw std::invalid_argument("fault plan must be an object");
  std::vector<RequestRule> rules;
  bool items_enabled = false;
  ItemFault item;
  int64_t every = 1, count = -1;
  for (auto it = plan.begin(); it != plan.end(); ++it) {
    if (it.key() == "requests") {
      for (const auto& r : *it) {
        RequestRule rule;
        for (auto f = r.begin(); f != r.end(); ++f) {
          if (f.key() == "match") rule.match = f->get<std::string>();
          else if (f.key() == "status") rule.status = f->get<int>();
          else if (f.key() == "drop") rule.drop = f->get<bool>();
          else if (f.key() == "delay_ms") rule.delay_ms = f->get<int>();
          else if (f.key() == "count") rule.count = f->get<int64_t>();
          else throw std::invalid_argument("unknown request fault key " + f.key());
        }
        rules.push_back(rule);
      }
    } else if (it.key() == "items") {
      items_enabled = true;
      for (auto f = it->begin(); f != it->end(); ++f) {
        if (f.key() == "status") item.status = f->get<int>();
        else if (f.key() == "type") item.type = f->get<std::string>();
        else if (f.key() == "reason") item.reason = f->get<std::string>();
        else if (f.key() == "every") every = f->get<int64_t>();
        else if (f.key() == "count") count = f->get<int64_t>();
        else throw std::invalid_argument("unknown item fault key " + f.key());
      }
      if (every < 1) throw std::invalid_argument("items.every must be >= 1");
    } else {
      throw std::invalid_argument("unknown fault plan key " + it.key());
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  rules_ = std::move(rules);
  items_enabled_ = items_enabled;
  item_fault_ = item;
  item_every_ = every;
  item_count_ = count;
  item_seen_ = 0;
}

void FaultPlan::clear() { configure(Json::object()); }

RequestFaultDecision FaultPlan::for_request(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& r : rules_) {
    if (r.count == 0) continue;
    if (!r.match.empty() && path.find(r.match) == std::string::npos) continue;
    if (r.count > 0) --r.count;
    return RequestFaultDecision{true, r.status, r.drop, r.delay_ms};
  }
  return {};
}

std::optional<ItemFault> FaultPlan::for_item() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!items_enabled_ || item_count_ == 0) return std::nullopt;
  ++item_seen_;
  if (item_seen_ % static_cast<uint64_t>(item_every_) != 0) return std::nullopt;
  if (item_count_ > 0) --item_count_;
  return item_fault_;
}

Json FaultPlan::describe() const {
  std::lock_guard<std::mutex> lock(mu_);
  Json rules = Json::array();
  for (const auto& r : rules_)
    rules.push_back({{"match", r.match}, {"status", r.status}, {"drop", r.drop}, {"delay_ms", r.delay_ms}, {"count", r.count}});
  Json out{{"requests", rules}};
  if (items_enabled_)
    out["items"] = {{"status", item_fault_.status}, {"every", item_every_}, {"count", item_count_}};
  return out;
}

}  // namespace peregrine::esdouble
