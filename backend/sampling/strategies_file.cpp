// Parsing of Jaeger sampling strategies files (see strategies_file.hpp).
#include "backend/sampling/strategies_file.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <set>

namespace peregrine::sampling {
namespace {

using nlohmann::json;

struct RawStrategy {
  std::string type;
  double param = 0;
};

struct RawOperation {
  std::string operation;
  RawStrategy strategy;
};

struct RawService {
  std::string service;
  RawStrategy strategy;
  std::vector<RawOperation> operations;
};

std::string string_member(const json& o, const char* key, const std::string& where) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return "";
  if (!it->is_string()) throw StrategiesFileError(where + "." + key + " must be a string");
  return it->get<std::string>();
}

double number_member(const json& o, const char* key, const std::string& where) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return 0;
  if (!it->is_number()) throw StrategiesFileError(where + "." + key + " must be a number");
  return it->get<double>();
}

RawStrategy raw_strategy(const json& o, const std::string& where) {
  return {string_member(o, "type", where), number_member(o, "param", where)};
}

RawService raw_service(const json& o, const std::string& where) {
  if (!o.is_object()) throw StrategiesFileError(where + " must be an object");
  RawService s;
  s.service = string_member(o, "service", where);
  s.strategy = raw_strategy(o, where);
  auto it = o.find("operation_strategies");
  if (it != o.end() && !it->is_null()) {
    if (!it->is_array()) throw StrategiesFileError(where + ".operation_strategies must be an array");
    for (size_t i = 0; i < it->size(); ++i) {
      const json& op = (*it)[i];
      std::string w = where + ".operation_strategies[" + std::to_string(i) + "]";
      if (!op.is_object()) throw StrategiesFileError(w + " must be an object");
      s.operations.push_back({string_member(op, "operation", w), raw_strategy(op, w)});
    }
  }
  return s;
}

class Parser {
 public:
  Parser(double default_probability, std::vector<std::string>* warnings)
      : default_probability_(default_probability), warnings_(warnings) {}

  SamplingStrategy strategy(const RawStrategy& r) {
    if (r.type == "probabilistic") return SamplingStrategy::probabilistic(r.param);
    if (r.type == "ratelimiting" || r.type == "rate_limiting")
      return SamplingStrategy::rate_limiting(static_cast<int32_t>(r.param));
    warn("Failed to parse sampling strategy type '" + r.type + "', using probabilistic " +
         std::to_string(default_probability_));
    return SamplingStrategy::probabilistic(default_probability_);
  }

  SamplingStrategy service(const RawService& raw) {
    SamplingStrategy s = strategy(raw.strategy);
    if (raw.operations.empty()) return s;
    PerOperationStrategies ops;
    ops.default_sampling_probability =
        s.type == StrategyType::Probabilistic ? s.sampling_rate.value_or(0) : default_probability_;
    for (const auto& op : raw.operations) {
      SamplingStrategy os = strategy(op.strategy);
      if (os.type == StrategyType::RateLimiting) {
        warn("Operation strategies only support probabilistic sampling; skipping '" + op.operation + "'");
        continue;
      }
      ops.per_operation_strategies.push_back({op.operation, os.sampling_rate.value_or(0)});
    }
    s.operation_sampling = std::move(ops);
    return s;
  }

 private:
  void warn(std::string w) {
    if (warnings_) warnings_->push_back(std::move(w));
  }
  double default_probability_;
  std::vector<std::string>* warnings_;
};

}  // namespace

const SamplingStrategy& StrategyStore::lookup(const std::string& service) const {
  auto it = service_strategies.find(service);
  return it != service_strategies.end() ? it->second : default_strategy;
}

StrategyStore default_strategy_store(double default_probability) {
  StrategyStore store;
  store.default_strategy = SamplingStrategy::probabilistic(default_probability);
  return store;
}

StrategyStore parse_strategies(std::string_view json_text, double default_probability,
                               std::vector<std::string>* warnings) {
  json doc = json::parse(json_text.begin(), json_text.end(), nullptr, false, /*ignore_comments=*/true);
  if (doc.is_discarded()) throw StrategiesFileError("failed to unmarshal strategies: invalid JSON");
  StrategyStore store = default_strategy_store(default_probability);
  if (doc.is_null()) return store;
  if (!doc.is_object()) throw StrategiesFileError("failed to unmarshal strategies: expected a JSON object");

  Parser parser(default_probability, warnings);
  if (auto it = doc.find("default_strategy"); it != doc.end() && !it->is_null())
    store.default_strategy = parser.service(raw_service(*it, "default_strategy"));

  std::vector<RawService> services;
  if (auto it = doc.find("service_strategies"); it != doc.end() && !it->is_null()) {
    if (!it->is_array()) throw StrategiesFileError("service_strategies must be an array");
    for (size_t i = 0; i < it->size(); ++i)
      services.push_back(raw_service((*it)[i], "service_strategies[" + std::to_string(i) + "]"));
  }

  const auto& default_ops = store.default_strategy.operation_sampling;
  for (const auto& raw : services) {
    SamplingStrategy s = parser.service(raw);
    if (default_ops) {
      if (!s.operation_sampling) {
        PerOperationStrategies copy = *default_ops;
        if (s.sampling_rate) copy.default_sampling_probability = *s.sampling_rate;
        s.operation_sampling = std::move(copy);
      } else {
        std::set<std::string> own;
        for (const auto& op : s.operation_sampling->per_operation_strategies) own.insert(op.operation);
        for (const auto& op : default_ops->per_operation_strategies)
          if (!own.count(op.operation)) s.operation_sampling->per_operation_strategies.push_back(op);
      }
    }
    store.service_strategies[raw.service] = std::move(s);
  }
  return store;
}

}  // namespace peregrine::sampling
