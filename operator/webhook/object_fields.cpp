// Tolerant accessors for workload objects (see object_fields.hpp).
#include "operator/webhook/object_fields.hpp"

#include <cctype>

namespace peregrine::operator_webhook {

namespace {

const Json* child_object(const Json& parent, const char* key) {
  if (!parent.is_object()) return nullptr;
  auto it = parent.find(key);
  if (it == parent.end() || !it->is_object()) return nullptr;
  return &*it;
}

Json* child_object(Json& parent, const char* key) {
  if (!parent.is_object()) return nullptr;
  auto it = parent.find(key);
  if (it == parent.end() || !it->is_object()) return nullptr;
  return &*it;
}

StringMap string_map(const Json* object) {
  StringMap map;
  if (object == nullptr) return map;
  for (auto it = object->begin(); it != object->end(); ++it) {
    if (it->is_string()) map.emplace(it.key(), it->get<std::string>());
  }
  return map;
}

StringMap metadata_map(const Json& object, const char* field) {
  const Json* metadata = child_object(object, "metadata");
  return string_map(metadata ? child_object(*metadata, field) : nullptr);
}

}  // namespace

StringMap metadata_labels(const Json& object) { return metadata_map(object, "labels"); }
StringMap metadata_annotations(const Json& object) { return metadata_map(object, "annotations"); }

std::string metadata_string(const Json& object, const char* field) {
  const Json* metadata = child_object(object, "metadata");
  if (metadata == nullptr) return "";
  auto it = metadata->find(field);
  return it != metadata->end() && it->is_string() ? it->get<std::string>() : "";
}

std::optional<std::string> find_value(const StringMap& map, const std::string& key) {
  auto it = map.find(key);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

StringMap pod_template_labels(const Json& workload) {
  const Json* spec = child_object(workload, "spec");
  const Json* pod_template = spec ? child_object(*spec, "template") : nullptr;
  const Json* metadata = pod_template ? child_object(*pod_template, "metadata") : nullptr;
  return string_map(metadata ? child_object(*metadata, "labels") : nullptr);
}

Json* pod_spec(Json& workload) {
  Json* spec = child_object(workload, "spec");
  Json* pod_template = spec ? child_object(*spec, "template") : nullptr;
  return pod_template ? child_object(*pod_template, "spec") : nullptr;
}

const Json* pod_containers(const Json& workload) {
  const Json* spec = child_object(workload, "spec");
  const Json* pod_template = spec ? child_object(*spec, "template") : nullptr;
  const Json* template_spec = pod_template ? child_object(*pod_template, "spec") : nullptr;
  if (template_spec == nullptr) return nullptr;
  auto it = template_spec->find("containers");
  if (it == template_spec->end() || !it->is_array()) return nullptr;
  for (const auto& container : *it) {
    if (!container.is_object()) return nullptr;
  }
  return &*it;
}

Json* pod_containers(Json& workload) {
  return const_cast<Json*>(pod_containers(static_cast<const Json&>(workload)));
}

std::string container_name(const Json& container) {
  if (!container.is_object()) return "";
  auto it = container.find("name");
  return it != container.end() && it->is_string() ? it->get<std::string>() : "";
}

std::optional<std::size_t> container_index(const Json& containers, std::string_view name) {
  if (!containers.is_array()) return std::nullopt;
  for (std::size_t i = 0; i < containers.size(); ++i) {
    if (container_name(containers[i]) == name) return i;
  }
  return std::nullopt;
}

bool has_env(const Json& container, std::string_view name) {
  if (!container.is_object()) return false;
  auto env = container.find("env");
  if (env == container.end() || !env->is_array()) return false;
  for (const auto& entry : *env) {
    if (entry.is_object() && entry.contains("name") && entry["name"].is_string() &&
        entry["name"].get_ref<const std::string&>() == name) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> container_args(const Json& container) {
  std::vector<std::string> args;
  if (!container.is_object()) return args;
  auto it = container.find("args");
  if (it == container.end() || !it->is_array()) return args;
  for (const auto& arg : *it) {
    if (arg.is_string()) args.push_back(arg.get<std::string>());
  }
  return args;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace peregrine::operator_webhook
