// Sidecar injection and removal on workload objects (see sidecar_mutation.hpp).
#include "operator/webhook/sidecar_mutation.hpp"

#include "operator/render/naming.hpp"
#include "operator/webhook/injection_constants.hpp"
#include "operator/webhook/object_fields.hpp"
#include "operator/kube/semantic_subset.hpp"
#include "operator/webhook/sidecar_container.hpp"

namespace peregrine::operator_webhook {

namespace {

bool has_named(const Json& list, const Json& item) {
  if (!item.is_object() || !item.contains("name")) return false;
  for (const auto& existing : list) {
    if (existing.is_object() && existing.contains("name") && existing["name"] == item["name"]) return true;
  }
  return false;
}

void append_missing_by_name(Json& pod, const char* field, const Json& items) {
  if (!items.is_array() || items.empty()) return;
  if (!pod.contains(field) || !pod[field].is_array()) {
    if (pod.contains(field) && !pod[field].is_null()) return;  // malformed: leave the user's value alone
    pod[field] = Json::array();
  }
  Json& list = pod[field];
  for (const auto& item : items) {
    if (!has_named(list, item)) list.push_back(item);
  }
}

void add_env_unless_set(Json& container, const char* name, const std::string& value) {
  if (value.empty() || has_env(container, name)) return;
  if (!container.contains("env") || !container["env"].is_array()) {
    if (container.contains("env") && !container["env"].is_null()) return;
    container["env"] = Json::array();
  }
  container["env"].push_back({{"name", name}, {"value", value}});
}

std::string single_app_container(const Json& containers) {
  std::string name;
  int apps = 0;
  for (const auto& container : containers) {
    if (container_name(container) == kAgentContainerName) continue;
    ++apps;
    name = container_name(container);
  }
  return apps == 1 ? name : "";
}

Json& metadata_of(Json& object) {
  if (!object.contains("metadata") || !object["metadata"].is_object()) object["metadata"] = Json::object();
  return object["metadata"];
}

}  // namespace

std::string service_name_for(const Json& workload, const std::string& namespace_name) {
  const StringMap labels = pod_template_labels(workload);
  std::string app;
  for (const char* key : {"app.kubernetes.io/instance", "app.kubernetes.io/name", "app"}) {
    if (auto value = find_value(labels, key); value && !value->empty()) {
      app = *value;
      break;
    }
  }
  if (app.empty()) app = metadata_string(workload, "name");
  if (app.empty()) return "";
  return app + "." + (namespace_name.empty() ? std::string("default") : namespace_name);
}

Json with_sidecar(const Json& workload, WorkloadKind kind, const std::string& namespace_name,
                  const AgentProfile& profile) {
  Json result = workload;
  Json* containers = pod_containers(result);
  if (containers == nullptr) return result;

  const std::string service_name = service_name_for(workload, namespace_name);
  for (auto& container : *containers) {
    if (container_name(container) == kAgentContainerName) continue;
    add_env_unless_set(container, kServiceNameEnv, service_name);
    add_env_unless_set(container, kPropagationEnv, kDefaultPropagation);
  }

  std::string workload_name = metadata_string(workload, "name");
  if (workload_name.empty()) workload_name = metadata_string(workload, "generateName");
  const auto agent_index = container_index(*containers, kAgentContainerName);
  SidecarTarget target{workload_kind_info(kind).name_tag, workload_name, namespace_name,
                       single_app_container(*containers),
                       agent_index ? (*containers)[*agent_index] : Json(nullptr)};
  Json agent = sidecar_container(profile, target);
  if (agent_index) {
    // A sidecar read back from the API server carries its defaults; it only needs replacing when it says
    // something else than the one wanted.
    if (!kube::is_semantic_subset(agent, (*containers)[*agent_index])) (*containers)[*agent_index] = std::move(agent);
  } else {
    containers->push_back(std::move(agent));
  }

  Json& pod = *pod_spec(result);
  append_missing_by_name(pod, "volumes", profile.volumes);
  append_missing_by_name(pod, "imagePullSecrets", profile.image_pull_secrets);

  Json& metadata = metadata_of(result);
  if (!metadata.contains("labels") || !metadata["labels"].is_object()) metadata["labels"] = Json::object();
  metadata["labels"][kInjectedLabel] = operator_render::label_value(profile.name);
  return result;
}

Json without_sidecar(const Json& workload) {
  Json result = workload;
  if (Json* containers = pod_containers(result)) {
    if (auto index = container_index(*containers, kAgentContainerName)) {
      containers->erase(containers->begin() + static_cast<std::ptrdiff_t>(*index));
    }
  }
  if (result.is_object() && result.contains("metadata") && result["metadata"].is_object()) {
    Json& metadata = result["metadata"];
    if (metadata.contains("labels") && metadata["labels"].is_object()) {
      metadata["labels"].erase(kInjectedLabel);
    }
  }
  return result;
}

}  // namespace peregrine::operator_webhook
