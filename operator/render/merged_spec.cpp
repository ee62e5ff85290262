// Merging of CommonSpec layers (pkg/util.Merge of the Jaeger operator, with operator labels protected).
#include "operator/render/merged_spec.hpp"

#include <set>

namespace peregrine::operator_render {

namespace {

std::string name_of(const Json& item) {
  auto it = item.find("name");
  return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void append_unique_by_name(Json& list, const Json& items) {
  for (const auto& item : items) {
    std::string name = name_of(item);
    bool duplicate = false;
    for (const auto& existing : list) {
      if (name_of(existing) == name) {
        duplicate = true;
        break;
      }
    }
    if (!duplicate) list.push_back(item);
  }
}

void merge_resource_list(Json& into, const Json& from, const char* key) {
  if (!from.contains(key) || !from[key].is_object()) return;
  for (const auto& [resource, quantity] : from[key].items()) {
    if (!into.contains(key)) into[key] = Json::object();
    if (!into[key].contains(resource)) into[key][resource] = quantity;
  }
}

}  // namespace

void MergedSpec::add_volume(const Json& volume, const Json& mount) {
  append_unique_by_name(volumes, Json::array({volume}));
  append_unique_by_name(volume_mounts, Json::array({mount}));
}

MergedSpec merge_specs(std::initializer_list<const operator_api::CommonSpec*> specs, const StringMap& base_labels,
                       const StringMap& base_annotations) {
  MergedSpec merged;
  for (const operator_api::CommonSpec* spec : specs) {
    for (const auto& [key, value] : spec->annotations) merged.annotations.emplace(key, value);
    for (const auto& [key, value] : spec->labels) merged.labels.emplace(key, value);
    append_unique_by_name(merged.volumes, spec->volumes);
    append_unique_by_name(merged.volume_mounts, spec->volume_mounts);
    merge_resource_list(merged.resources, spec->resources, "limits");
    merge_resource_list(merged.resources, spec->resources, "requests");
    merge_resource_list(merged.resources, spec->resources, "claims");
    if (!merged.affinity) merged.affinity = spec->affinity;
    for (const auto& toleration : spec->tolerations) merged.tolerations.push_back(toleration);
    if (!merged.security_context) merged.security_context = spec->security_context;
    if (!merged.container_security_context) merged.container_security_context = spec->container_security_context;
    if (merged.service_account.empty()) merged.service_account = spec->service_account;
    append_unique_by_name(merged.image_pull_secrets, spec->image_pull_secrets);
    if (merged.image_pull_policy.empty()) merged.image_pull_policy = spec->image_pull_policy;
  }
  for (const auto& [key, value] : base_annotations) merged.annotations.emplace(key, value);
  for (const auto& [key, value] : base_labels) merged.labels.insert_or_assign(key, value);
  return merged;
}

std::string service_account_for(const Instance& instance, const MergedSpec& merged) {
  return merged.service_account.empty() ? instance.name() : merged.service_account;
}

}  // namespace peregrine::operator_render
