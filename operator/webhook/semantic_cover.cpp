// Semantic "observed covers desired" comparison (see semantic_cover.hpp).
#include "operator/webhook/semantic_cover.hpp"

#include <cctype>
#include <cmath>
#include <optional>
#include <string_view>

namespace peregrine::operator_webhook {

namespace {

using Json = nlohmann::json;

bool zero_value(const Json& value) {
  return value.is_null() || (value.is_boolean() && !value.get<bool>()) ||
         (value.is_number() && value.get<double>() == 0.0) ||
         (value.is_string() && value.get_ref<const std::string&>().empty()) ||
         ((value.is_object() || value.is_array()) && value.empty());
}

// A resource quantity in base units ("1Gi" → 1073741824, "500m" → 0.5, "2e3" → 2000).
std::optional<long double> quantity(std::string_view text) {
  std::size_t end = 0;
  if (end < text.size() && (text[end] == '+' || text[end] == '-')) ++end;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) ++end;
  if (end == 0) return std::nullopt;
  long double number = 0;
  try {
    number = std::stold(std::string(text.substr(0, end)));
  } catch (...) {
    return std::nullopt;
  }
  const std::string_view suffix = text.substr(end);
  struct Unit {
    std::string_view suffix;
    long double factor;
  };
  static constexpr Unit kUnits[] = {
      {"", 1.0L},           {"m", 1e-3L},          {"k", 1e3L},           {"M", 1e6L},         {"G", 1e9L},
      {"T", 1e12L},         {"P", 1e15L},          {"E", 1e18L},          {"Ki", 1024.0L},     {"Mi", 1048576.0L},
      {"Gi", 1073741824.0L}, {"Ti", 1099511627776.0L}, {"Pi", 1125899906842624.0L}, {"Ei", 1152921504606846976.0L},
  };
  for (const auto& unit : kUnits) {
    if (suffix == unit.suffix) return number * unit.factor;
  }
  if (suffix.size() > 1 && (suffix[0] == 'e' || suffix[0] == 'E')) {
    try {
      std::size_t used = 0;
      const int exponent = std::stoi(std::string(suffix.substr(1)), &used);
      if (used == suffix.size() - 1) return number * std::pow(10.0L, exponent);
    } catch (...) {
    }
  }
  return std::nullopt;
}

bool same_amount(const Json& observed, const Json& desired) {
  auto text = [](const Json& value) -> std::optional<std::string> {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number()) return value.dump();
    return std::nullopt;
  };
  const auto a = text(observed);
  const auto b = text(desired);
  if (!a || !b) return false;
  const auto x = quantity(*a);
  const auto y = quantity(*b);
  if (!x || !y) return *a == *b;
  return std::fabs(*x - *y) <= 1e-12L * std::max(std::fabs(*x), std::fabs(*y));
}

// `quantities`: `desired` is a limits/requests map, whose values compare by amount.
bool covers_at(const Json* observed, const Json& desired, bool quantities) {
  if (observed == nullptr || observed->is_null()) return zero_value(desired);
  if (desired.is_object()) {
    if (!observed->is_object()) return desired.empty();
    for (auto it = desired.begin(); it != desired.end(); ++it) {
      auto found = observed->find(it.key());
      const Json* child = found == observed->end() ? nullptr : &*found;
      if (quantities) {
        if (child == nullptr ? !zero_value(*it) : !same_amount(*child, *it)) return false;
      } else if (!covers_at(child, *it, it.key() == "limits" || it.key() == "requests")) {
        return false;
      }
    }
    return true;
  }
  if (desired.is_array()) {
    if (!observed->is_array()) return desired.empty();
    if (observed->size() != desired.size()) return false;
    for (std::size_t i = 0; i < desired.size(); ++i) {
      if (!covers_at(&(*observed)[i], desired[i], false)) return false;
    }
    return true;
  }
  if (desired.is_number() && observed->is_number()) return desired.get<double>() == observed->get<double>();
  return desired == *observed;
}

}  // namespace

bool covers(const nlohmann::json& observed, const nlohmann::json& desired) {
  return covers_at(&observed, desired, false);
}

}  // namespace peregrine::operator_webhook
