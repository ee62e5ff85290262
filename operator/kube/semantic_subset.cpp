// Recursive subset comparison with Kubernetes' encoding rules (omitted zero values, canonical quantities).
#include "operator/kube/semantic_subset.hpp"

#include <optional>

#include "operator/kube/quantity.hpp"

namespace peregrine::kube {

using Json = nlohmann::json;

namespace {

bool is_quantity_map_key(const std::string& key) { return key == "limits" || key == "requests" || key == "hard"; }

std::string escape_pointer_token(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

// Returns the pointer of the first mismatch below `path`, or nullopt when `desired` ⊆ `observed`.
// `observed` is null when the field is absent; `quantity_map` is set for limits/requests maps, `quantity` for
// the values inside them.
std::optional<std::string> mismatch(const Json& desired, const Json* observed, const std::string& path,
                                    bool quantity_map, bool quantity) {
  if (observed == nullptr || observed->is_null()) {
    if (is_zero_value(desired)) return std::nullopt;
    return path.empty() ? "/" : path;
  }
  switch (desired.type()) {
    case Json::value_t::object: {
      if (!observed->is_object()) return desired.empty() ? std::nullopt : std::optional<std::string>(path);
      for (const auto& [key, value] : desired.items()) {
        const auto it = observed->find(key);
        const Json* child = it == observed->end() ? nullptr : &*it;
        if (auto at = mismatch(value, child, path + "/" + escape_pointer_token(key), is_quantity_map_key(key),
                               quantity_map)) {
          return at;
        }
      }
      return std::nullopt;
    }
    case Json::value_t::array: {
      if (!observed->is_array()) return desired.empty() ? std::nullopt : std::optional<std::string>(path);
      if (observed->size() != desired.size()) return path;
      for (size_t i = 0; i < desired.size(); ++i) {
        if (auto at = mismatch(desired[i], &(*observed)[i], path + "/" + std::to_string(i), false, false)) return at;
      }
      return std::nullopt;
    }
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      // In a resource map a number is a quantity too: cpu: 1 is stored as "1".
      if (quantity && observed->is_string()) {
        return same_quantity(desired.dump(), observed->get_ref<const std::string&>()) ? std::nullopt
                                                                                        : std::optional<std::string>(path);
      }
      if (!observed->is_number()) return path;
      if (desired.is_number_float() || observed->is_number_float()) {
        return desired.get<double>() == observed->get<double>() ? std::nullopt : std::optional<std::string>(path);
      }
      if (desired.is_number_unsigned() && observed->is_number_unsigned()) {
        return desired.get<uint64_t>() == observed->get<uint64_t>() ? std::nullopt : std::optional<std::string>(path);
      }
      return desired.get<int64_t>() == observed->get<int64_t>() ? std::nullopt : std::optional<std::string>(path);
    case Json::value_t::string:
      if (quantity && observed->is_number()) {
        return same_quantity(desired.get_ref<const std::string&>(), observed->dump()) ? std::nullopt
                                                                                        : std::optional<std::string>(path);
      }
      if (!observed->is_string()) return path;
      if (desired.get_ref<const std::string&>() == observed->get_ref<const std::string&>()) return std::nullopt;
      if (quantity && same_quantity(desired.get_ref<const std::string&>(), observed->get_ref<const std::string&>())) {
        return std::nullopt;
      }
      return path;
    case Json::value_t::null:
      return std::nullopt;
    default:
      return desired == *observed ? std::nullopt : std::optional<std::string>(path);
  }
}

}  // namespace

bool is_zero_value(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return true;
    case Json::value_t::boolean:
      return !value.get<bool>();
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return value.get<double>() == 0.0;
    case Json::value_t::string:
      return value.get_ref<const std::string&>().empty();
    case Json::value_t::object:
    case Json::value_t::array:
      return value.empty();
    default:
      return false;
  }
}

bool is_semantic_subset(const Json& desired, const Json& observed) {
  return !mismatch(desired, &observed, "", false, false).has_value();
}

std::string first_difference(const Json& desired, const Json& observed) {
  return mismatch(desired, &observed, "", false, false).value_or("");
}

}  // namespace peregrine::kube
