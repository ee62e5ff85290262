// JSON building blocks for rendered Kubernetes objects.
#include "operator/render/k8s_json.hpp"

#include <charconv>

#include "operator/render/naming.hpp"

namespace peregrine::operator_render {

StringMap component_labels(const Instance& instance, const std::string& name, const std::string& component) {
  return {
      {"app", "jaeger"},
      {"app.kubernetes.io/name", label_value(name)},
      {"app.kubernetes.io/instance", label_value(instance.name())},
      {"app.kubernetes.io/component", label_value(component)},
      {"app.kubernetes.io/part-of", "jaeger"},
      {"app.kubernetes.io/managed-by", kManagedBy},
  };
}

Json owner_reference(const Instance& instance) {
  return {
      {"apiVersion", instance.jaeger.api_version},
      {"kind", instance.jaeger.kind},
      {"name", instance.name()},
      {"uid", instance.jaeger.metadata.uid},
      {"controller", true},
  };
}

Json object_meta(const Instance& instance, const std::string& name, const StringMap& labels,
                 const StringMap& annotations) {
  Json meta{{"name", name}, {"namespace", instance.namespace_name}};
  put_if_set(meta, "labels", string_map_json(labels));
  put_if_set(meta, "annotations", string_map_json(annotations));
  meta["ownerReferences"] = Json::array({owner_reference(instance)});
  return meta;
}

Json k8s_object(const std::string& api_version, const std::string& kind, Json metadata) {
  return {{"apiVersion", api_version}, {"kind", kind}, {"metadata", std::move(metadata)}};
}

Json string_map_json(const StringMap& map) {
  Json object = Json::object();
  for (const auto& [key, value] : map) object[key] = value;
  return object;
}

Json string_list_json(const std::vector<std::string>& items) {
  Json array = Json::array();
  for (const auto& item : items) array.push_back(item);
  return array;
}

Json container_port(const std::string& name, int port, bool udp) {
  Json entry{{"name", name}, {"containerPort", port}};
  if (udp) entry["protocol"] = "UDP";
  return entry;
}

Json env_var(const std::string& name, const std::string& value) {
  Json entry{{"name", name}};
  if (!value.empty()) entry["value"] = value;
  return entry;
}

Json env_from_secret(const std::string& secret_name) {
  Json list = Json::array();
  if (!secret_name.empty()) list.push_back({{"secretRef", {{"name", secret_name}}}});
  return list;
}

Json without_empty_env(const Json& env) {
  Json kept = Json::array();
  for (const auto& entry : env) {
    if (entry.contains("value") || entry.contains("valueFrom")) kept.push_back(entry);
  }
  return kept;
}

Json liveness_probe(int port) {
  return {{"httpGet", {{"path", "/"}, {"port", port}}},
          {"initialDelaySeconds", 5},
          {"periodSeconds", 15},
          {"failureThreshold", 5}};
}

Json readiness_probe(int port) { return {{"httpGet", {{"path", "/"}, {"port", port}}}, {"initialDelaySeconds", 1}}; }

bool has_arg_with_prefix(const std::vector<std::string>& args, const std::string& prefix) {
  for (const auto& arg : args) {
    if (arg.starts_with(prefix)) return true;
  }
  return false;
}

int port_from_args(const std::vector<std::string>& args, const std::string& prefix, int fallback) {
  for (const auto& arg : args) {
    if (!arg.starts_with(prefix)) continue;
    std::string_view value(arg);
    value.remove_prefix(prefix.size());
    if (auto colon = value.rfind(':'); colon != std::string_view::npos) value.remove_prefix(colon + 1);
    int port = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), port);
    if (error == std::errc() && end == value.data() + value.size() && port > 0 && port <= 65535) return port;
    return fallback;
  }
  return fallback;
}

int admin_port_from_args(const std::vector<std::string>& args, int fallback) {
  if (has_arg_with_prefix(args, "--admin.http.host-port=")) {
    return port_from_args(args, "--admin.http.host-port=", fallback);
  }
  return port_from_args(args, "--admin-http-port=", fallback);
}

void put_if_set(Json& object, const std::string& key, const Json& value) {
  if (value.is_null()) return;
  if ((value.is_object() || value.is_array()) && value.empty()) return;
  if (value.is_string() && value.get_ref<const std::string&>().empty()) return;
  object[key] = value;
}

void put_pod_common(Json& pod_spec, const Instance& instance, const MergedSpec& merged) {
  pod_spec["serviceAccountName"] = service_account_for(instance, merged);
  if (merged.affinity) put_if_set(pod_spec, "affinity", *merged.affinity);
  put_if_set(pod_spec, "tolerations", merged.tolerations);
  if (merged.security_context) put_if_set(pod_spec, "securityContext", *merged.security_context);
  put_if_set(pod_spec, "volumes", merged.volumes);
  put_if_set(pod_spec, "imagePullSecrets", merged.image_pull_secrets);
}

Json deployment_strategy(const std::optional<Json>& from_cr) {
  if (from_cr && !from_cr->empty()) return *from_cr;
  return {{"type", "Recreate"}};
}

}  // namespace peregrine::operator_render
