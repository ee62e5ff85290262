// Merge, JSON and (approximate) strategic merge patches.
#include "tests/kube-apiserver-double/patches.hpp"

#include <algorithm>
#include <string>

#include "tests/kube-apiserver-double/api_status.hpp"

namespace peregrine::kubedouble {
namespace {

const std::string kSetElementOrder = "$setElementOrder/";
const std::string kDeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

// The merge key of a list field, or "" for atomic lists.
std::string merge_key_for(const std::string& field, const nlohmann::json& patch_list, const nlohmann::json& target_list) {
  if (field == "containers" || field == "initContainers" || field == "ephemeralContainers" || field == "env" ||
      field == "volumes" || field == "imagePullSecrets" || field == "resourceClaims") {
    return "name";
  }
  if (field == "volumeMounts") return "mountPath";
  if (field == "volumeDevices") return "devicePath";
  if (field == "hostAliases") return "ip";
  if (field == "conditions") return "type";
  if (field == "ownerReferences") return "uid";
  if (field == "topologySpreadConstraints") return "topologyKey";
  if (field == "ports") {
    auto has_container_port = [](const nlohmann::json& list) {
      if (!list.is_array()) return false;
      return std::any_of(list.begin(), list.end(),
                         [](const nlohmann::json& item) { return item.is_object() && item.contains("containerPort"); });
    };
    return has_container_port(patch_list) || has_container_port(target_list) ? "containerPort" : "port";
  }
  return "";
}

bool is_primitive_set_list(const std::string& field) { return field == "finalizers"; }

nlohmann::json merge_value(const nlohmann::json& target, const nlohmann::json& patch);

nlohmann::json merge_keyed_list(const nlohmann::json& target, const nlohmann::json& patch, const std::string& key) {
  nlohmann::json result = target.is_array() ? target : nlohmann::json::array();
  if (!patch.is_array()) throw bad_request("strategic merge patch: expected a list for a keyed list field");
  // "$patch: replace" item replaces the whole list with the remaining items.
  for (const auto& item : patch) {
    if (item.is_object() && item.value("$patch", "") == "replace") {
      nlohmann::json replaced = nlohmann::json::array();
      for (const auto& other : patch) {
        if (!(other.is_object() && other.contains("$patch"))) replaced.push_back(other);
      }
      return replaced;
    }
  }
  for (const auto& item : patch) {
    if (!item.is_object() || !item.contains(key)) {
      throw bad_request("strategic merge patch: list item without merge key \"" + key + "\"");
    }
    const auto& key_value = item[key];
    auto existing = std::find_if(result.begin(), result.end(), [&](const nlohmann::json& candidate) {
      return candidate.is_object() && candidate.contains(key) && candidate[key] == key_value;
    });
    if (item.value("$patch", "") == "delete") {
      if (existing != result.end()) result.erase(existing);
      continue;
    }
    if (existing != result.end()) {
      *existing = merge_value(*existing, item);
    } else {
      result.push_back(merge_value(nlohmann::json::object(), item));
    }
  }
  return result;
}

void apply_element_order(nlohmann::json& list, const nlohmann::json& order, const std::string& key) {
  if (!list.is_array() || !order.is_array()) return;
  nlohmann::json ordered = nlohmann::json::array();
  std::vector<bool> used(list.size(), false);
  for (const auto& wanted : order) {
    for (size_t i = 0; i < list.size(); ++i) {
      if (used[i]) continue;
      const bool same = key.empty() ? list[i] == wanted
                                    : (list[i].is_object() && wanted.is_object() && wanted.contains(key) &&
                                       list[i].contains(key) && list[i][key] == wanted[key]);
      if (same) {
        ordered.push_back(list[i]);
        used[i] = true;
        break;
      }
    }
  }
  for (size_t i = 0; i < list.size(); ++i) {
    if (!used[i]) ordered.push_back(list[i]);
  }
  list = std::move(ordered);
}

nlohmann::json merge_object(const nlohmann::json& target, const nlohmann::json& patch) {
  const std::string directive = patch.value("$patch", "");
  if (directive == "delete") return nullptr;
  if (directive == "replace") {
    nlohmann::json replaced = patch;
    replaced.erase("$patch");
    return replaced;
  }
  if (!directive.empty() && directive != "merge") throw bad_request("strategic merge patch: unknown $patch: " + directive);
  nlohmann::json result = target.is_object() ? target : nlohmann::json::object();
  for (const auto& [field, value] : patch.items()) {
    if (field == "$patch" || field == "$retainKeys") continue;
    if (field.rfind(kSetElementOrder, 0) == 0 || field.rfind(kDeleteFromPrimitiveList, 0) == 0) continue;
    if (value.is_null()) {
      result.erase(field);
      continue;
    }
    const nlohmann::json current = result.contains(field) ? result[field] : nlohmann::json();
    if (value.is_array()) {
      if (is_primitive_set_list(field)) {
        nlohmann::json merged = current.is_array() ? current : nlohmann::json::array();
        for (const auto& v : value) {
          if (std::find(merged.begin(), merged.end(), v) == merged.end()) merged.push_back(v);
        }
        result[field] = std::move(merged);
      } else if (const std::string key = merge_key_for(field, value, current); !key.empty()) {
        result[field] = merge_keyed_list(current, value, key);
      } else {
        result[field] = value;
      }
    } else if (value.is_object()) {
      nlohmann::json merged = merge_object(current, value);
      if (merged.is_null()) {
        result.erase(field);
      } else {
        result[field] = std::move(merged);
      }
    } else {
      result[field] = value;
    }
  }
  // Directives that refer to sibling fields.
  for (const auto& [field, value] : patch.items()) {
    if (field.rfind(kDeleteFromPrimitiveList, 0) == 0) {
      const std::string target_field = field.substr(kDeleteFromPrimitiveList.size());
      if (result.contains(target_field) && result[target_field].is_array() && value.is_array()) {
        auto& list = result[target_field];
        nlohmann::json kept = nlohmann::json::array();
        for (const auto& v : list) {
          if (std::find(value.begin(), value.end(), v) == value.end()) kept.push_back(v);
        }
        list = std::move(kept);
      }
    } else if (field.rfind(kSetElementOrder, 0) == 0) {
      const std::string target_field = field.substr(kSetElementOrder.size());
      if (result.contains(target_field)) {
        const nlohmann::json patch_list = patch.contains(target_field) ? patch[target_field] : nlohmann::json();
        apply_element_order(result[target_field], value, merge_key_for(target_field, patch_list, result[target_field]));
      }
    }
  }
  if (auto retain = patch.find("$retainKeys"); retain != patch.end() && retain->is_array()) {
    for (auto it = result.begin(); it != result.end();) {
      if (std::find(retain->begin(), retain->end(), it.key()) == retain->end()) {
        it = result.erase(it);
      } else {
        ++it;
      }
    }
  }
  return result;
}

nlohmann::json merge_value(const nlohmann::json& target, const nlohmann::json& patch) {
  if (patch.is_object()) return merge_object(target, patch);
  return patch;
}

}  // namespace

nlohmann::json apply_merge_patch(const nlohmann::json& target, const nlohmann::json& patch) {
  if (!patch.is_object()) throw bad_request("merge patch: the patch must be a JSON object");
  nlohmann::json result = target;
  result.merge_patch(patch);
  return result;
}

nlohmann::json apply_json_patch(const nlohmann::json& target, const nlohmann::json& patch) {
  if (!patch.is_array()) throw bad_request("json patch: the patch must be a JSON array of operations");
  for (const auto& op : patch) {
    if (!op.is_object() || !op.contains("op") || !op.contains("path")) {
      throw bad_request("json patch: every operation needs \"op\" and \"path\"");
    }
  }
  try {
    return target.patch(patch);
  } catch (const nlohmann::json::exception& e) {
    throw ApiServerError(422, "Invalid",
                         std::string("the server rejected our request due to an error in our request: ") + e.what());
  }
}

nlohmann::json apply_strategic_merge_patch(const nlohmann::json& target, const nlohmann::json& patch) {
  if (!patch.is_object()) throw bad_request("strategic merge patch: the patch must be a JSON object");
  nlohmann::json result = merge_object(target, patch);
  if (result.is_null()) throw bad_request("strategic merge patch: cannot delete the whole object");
  return result;
}

}  // namespace peregrine::kubedouble
