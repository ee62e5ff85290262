// Update detection and the merged object for PUT.
#include "operator/controller/object_diff.hpp"

#include "operator/kube/semantic_subset.hpp"

namespace peregrine::controller {

using kube::first_difference;
using kube::is_semantic_subset;

namespace {

const Json kEmptyObject = Json::object();
const Json kEmptyArray = Json::array();

const Json& field_or(const Json& object, const char* key, const Json& fallback) {
  if (!object.is_object()) return fallback;
  const auto it = object.find(key);
  return it == object.end() || it->is_null() ? fallback : *it;
}

bool is_top_level_meta(const std::string& key) {
  return key == "apiVersion" || key == "kind" || key == "metadata" || key == "status";
}

// True when `observed_refs` has a reference with the uid (and the other fields) of `desired_ref`.
bool has_owner_reference(const Json& observed_refs, const Json& desired_ref) {
  if (!observed_refs.is_array()) return false;
  for (const auto& ref : observed_refs) {
    if (is_semantic_subset(desired_ref, ref) && is_semantic_subset(ref, desired_ref)) return true;
  }
  return false;
}

bool same_owner(const Json& a, const Json& b) {
  return field_or(a, "uid", kEmptyObject) == field_or(b, "uid", kEmptyObject) &&
         field_or(a, "kind", kEmptyObject) == field_or(b, "kind", kEmptyObject) &&
         field_or(a, "name", kEmptyObject) == field_or(b, "name", kEmptyObject);
}

// Observed references that are not controllers and not one of the desired references, then the desired ones.
Json merge_owner_references(const Json& desired_refs, const Json& observed_refs) {
  Json merged = Json::array();
  if (observed_refs.is_array()) {
    for (const auto& ref : observed_refs) {
      if (field_or(ref, "controller", kEmptyObject) == true) continue;
      bool replaced = false;
      if (desired_refs.is_array()) {
        for (const auto& wanted : desired_refs) replaced = replaced || same_owner(ref, wanted);
      }
      if (!replaced) merged.push_back(ref);
    }
  }
  if (desired_refs.is_array()) {
    for (const auto& ref : desired_refs) merged.push_back(ref);
  }
  return merged;
}

Json merge_string_maps(const Json& observed, const Json& desired) {
  Json merged = observed.is_object() ? observed : Json::object();
  if (desired.is_object()) {
    for (const auto& [key, value] : desired.items()) merged[key] = value;
  }
  return merged;
}

void keep_service_allocations(Json& merged_spec, const Json& observed_spec) {
  for (const char* key : {"clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy", "healthCheckNodePort"}) {
    if (!merged_spec.contains(key) && observed_spec.contains(key)) merged_spec[key] = observed_spec[key];
  }
  const Json& observed_ports = field_or(observed_spec, "ports", kEmptyArray);
  if (!merged_spec.contains("ports") || !merged_spec["ports"].is_array()) return;
  for (auto& port : merged_spec["ports"]) {
    if (!port.is_object() || port.contains("nodePort")) continue;
    for (const auto& seen : observed_ports) {
      if (!seen.is_object() || !seen.contains("nodePort")) continue;
      const bool same_name = field_or(seen, "name", kEmptyObject) == field_or(port, "name", kEmptyObject);
      const bool same_port = field_or(seen, "port", kEmptyObject) == field_or(port, "port", kEmptyObject);
      if (same_name && same_port) {
        port["nodePort"] = seen["nodePort"];
        break;
      }
    }
  }
}

}  // namespace

std::string update_reason(const Json& desired, const Json& observed) {
  const Json& desired_meta = field_or(desired, "metadata", kEmptyObject);
  const Json& observed_meta = field_or(observed, "metadata", kEmptyObject);
  for (const char* map : {"labels", "annotations"}) {
    const std::string at =
        first_difference(field_or(desired_meta, map, kEmptyObject), field_or(observed_meta, map, kEmptyObject));
    if (!at.empty()) return std::string("/metadata/") + map + (at == "/" ? "" : at);
  }
  for (const auto& ref : field_or(desired_meta, "ownerReferences", kEmptyArray)) {
    if (!has_owner_reference(field_or(observed_meta, "ownerReferences", kEmptyArray), ref)) {
      return "/metadata/ownerReferences";
    }
  }
  if (!desired.is_object()) return "";
  for (const auto& [key, value] : desired.items()) {
    if (is_top_level_meta(key)) continue;
    const std::string at = first_difference(value, field_or(observed, key.c_str(), Json()));
    if (!at.empty()) return "/" + key + (at == "/" ? "" : at);
  }
  return "";
}

Json merge_for_update(const Json& desired, const Json& observed) {
  Json merged = observed.is_object() ? observed : Json::object();
  for (const auto& [key, value] : desired.items()) {
    if (key != "metadata") merged[key] = value;
  }
  const Json& desired_meta = field_or(desired, "metadata", kEmptyObject);
  Json& meta = merged["metadata"];
  if (!meta.is_object()) meta = Json::object();
  meta["labels"] = merge_string_maps(field_or(meta, "labels", kEmptyObject), field_or(desired_meta, "labels", kEmptyObject));
  meta["annotations"] =
      merge_string_maps(field_or(meta, "annotations", kEmptyObject), field_or(desired_meta, "annotations", kEmptyObject));
  if (meta["annotations"].empty()) meta.erase("annotations");
  if (meta["labels"].empty()) meta.erase("labels");
  meta["ownerReferences"] = merge_owner_references(field_or(desired_meta, "ownerReferences", kEmptyArray),
                                                   field_or(meta, "ownerReferences", kEmptyArray));
  if (meta["ownerReferences"].empty()) meta.erase("ownerReferences");

  const Json& observed_spec = field_or(observed, "spec", kEmptyObject);
  if (merged.contains("spec") && merged["spec"].is_object()) {
    Json& spec = merged["spec"];
    const std::string kind = field_or(desired, "kind", kEmptyObject).is_string() ? desired["kind"].get<std::string>() : "";
    if (kind == "Service") keep_service_allocations(spec, observed_spec);
    if (!spec.contains("replicas") && observed_spec.contains("replicas")) spec["replicas"] = observed_spec["replicas"];
  }
  return merged;
}

UpdateMethod update_method_for_kind(const std::string& kind) {
  return kind == "Job" ? UpdateMethod::Recreate : UpdateMethod::Update;
}

}  // namespace peregrine::controller
