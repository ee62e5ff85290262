// Owner lookup by controller reference, with the operator's labels as the fallback.
#include "operator/controller/ownership.hpp"

#include "operator/controller/owned_kinds.hpp"
#include "operator/kube/object_key.hpp"
#include "operator/render/naming.hpp"

namespace peregrine::controller {

namespace {

// The controller reference to a Jaeger, or null.
const Json* jaeger_controller_reference(const Json& object) {
  const auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) return nullptr;
  const auto refs = meta->find("ownerReferences");
  if (refs == meta->end() || !refs->is_array()) return nullptr;
  for (const auto& ref : *refs) {
    if (!ref.is_object() || ref.value("kind", "") != "Jaeger") continue;
    if (ref.value("apiVersion", "").rfind("jaegertracing.io/", 0) != 0) continue;
    if (ref.value("controller", false)) return &ref;
  }
  return nullptr;
}

std::string label(const Json& object, const char* key) {
  const auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) return "";
  const auto labels = meta->find("labels");
  if (labels == meta->end() || !labels->is_object()) return "";
  const auto it = labels->find(key);
  return it != labels->end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

std::optional<std::string> owner_jaeger_key(const Json& object) {
  if (!object.is_object()) return std::nullopt;
  const std::string ns = kube::object_namespace(object);
  if (const Json* ref = jaeger_controller_reference(object)) {
    const std::string name = ref->value("name", "");
    if (name.empty()) return std::nullopt;
    return kube::object_key(ns, name);
  }
  if (label(object, kManagedByLabel) != kManagedByValue) return std::nullopt;
  const std::string instance = label(object, kInstanceLabel);
  if (instance.empty()) return std::nullopt;
  return kube::object_key(ns, instance);
}

bool belongs_to_jaeger(const Json& object, const std::string& jaeger_name) {
  if (!object.is_object()) return false;
  if (const Json* ref = jaeger_controller_reference(object)) return ref->value("name", "") == jaeger_name;
  return label(object, kManagedByLabel) == kManagedByValue &&
         label(object, kInstanceLabel) == operator_render::label_value(jaeger_name);
}

bool is_being_deleted(const Json& object) {
  const auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) return false;
  const auto it = meta->find("deletionTimestamp");
  return it != meta->end() && !it->is_null();
}

}  // namespace peregrine::controller
