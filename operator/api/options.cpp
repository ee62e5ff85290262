// Flattening and rendering of Jaeger CR `options` maps.
#include "operator/api/options.hpp"

#include <algorithm>
#include <cmath>

namespace peregrine::operator_api {

namespace {

void flatten(const nlohmann::json& value, const std::string& key, const std::string& path,
             std::map<std::string, Options::Value, std::less<>>& out, std::vector<std::string>& errors) {
  if (value.is_null()) return;
  if (value.is_object()) {
    for (const auto& [child_key, child] : value.items()) {
      flatten(child, key.empty() ? child_key : key + "." + child_key, path, out, errors);
    }
    return;
  }
  if (value.is_array()) {
    std::vector<std::string> items;
    for (const auto& item : value) {
      auto text = scalar_to_string(item);
      if (!text) {
        errors.push_back(path + "." + key + ": list items must be strings, numbers or booleans");
        return;
      }
      items.push_back(*text);
    }
    out.insert_or_assign(key, std::move(items));
    return;
  }
  out.insert_or_assign(key, *scalar_to_string(value));
}

}  // namespace

std::optional<std::string> scalar_to_string(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::string:
      return value.get<std::string>();
    case nlohmann::json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::number_integer:
      return std::to_string(value.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned:
      return std::to_string(value.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float: {
      double number = value.get<double>();
      if (std::isfinite(number) && number == std::trunc(number) && std::fabs(number) < 1e15) {
        return std::to_string(static_cast<std::int64_t>(number));
      }
      return value.dump();
    }
    default:
      return std::nullopt;
  }
}

Options Options::from_json(const nlohmann::json& object, const std::string& path, std::vector<std::string>& errors) {
  Options options;
  if (object.is_null()) return options;
  if (!object.is_object()) {
    errors.push_back(path + ": must be a map of options");
    return options;
  }
  flatten(object, "", path, options.entries_, errors);
  return options;
}

Options Options::filter(std::string_view prefix) const {
  const std::string own = std::string(prefix) + ".";
  const std::string archive = std::string(prefix) + "-archive.";
  Options filtered;
  for (const auto& [key, value] : entries_) {
    if (key.starts_with(own) || key.starts_with(archive)) filtered.entries_.emplace(key, value);
  }
  return filtered;
}

std::vector<std::string> Options::to_args() const {
  std::vector<std::string> args;
  for (const auto& [key, value] : entries_) {
    if (const auto* single = std::get_if<std::string>(&value)) {
      args.push_back("--" + key + "=" + *single);
    } else {
      for (const auto& item : std::get<std::vector<std::string>>(value)) args.push_back("--" + key + "=" + item);
    }
  }
  sort_args(args);
  return args;
}

std::optional<std::string> Options::get(std::string_view key) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (const auto* single = std::get_if<std::string>(&it->second)) return *single;
  return std::nullopt;
}

bool Options::contains(std::string_view key) const { return entries_.find(key) != entries_.end(); }

void sort_args(std::vector<std::string>& args) { std::sort(args.begin(), args.end()); }

}  // namespace peregrine::operator_api
