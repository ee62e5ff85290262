// Deployment assembly shared by all-in-one, collector, query and ingester.
#include "operator/render/workload.hpp"

#include "operator/render/k8s_json.hpp"

namespace peregrine::operator_render {

using operator_api::StorageType;

Json build_container(const ContainerParts& parts, const MergedSpec& merged) {
  Json container{{"name", parts.name}, {"image", parts.image}};
  put_if_set(container, "args", string_list_json(parts.args));
  put_if_set(container, "env", parts.env);
  put_if_set(container, "envFrom", parts.env_from);
  put_if_set(container, "ports", parts.ports);
  put_if_set(container, "livenessProbe", parts.liveness_probe);
  put_if_set(container, "readinessProbe", parts.readiness_probe);
  put_if_set(container, "resources", merged.resources);
  put_if_set(container, "volumeMounts", merged.volume_mounts);
  put_if_set(container, "imagePullPolicy", merged.image_pull_policy);
  if (merged.container_security_context) put_if_set(container, "securityContext", *merged.container_security_context);
  if (parts.lifecycle) put_if_set(container, "lifecycle", *parts.lifecycle);
  return container;
}

Json build_deployment(const Instance& instance, const DeploymentParts& parts) {
  Json pod_spec{{"containers", Json::array({build_container(parts.container, parts.merged)})},
                {"enableServiceLinks", false}};
  put_if_set(pod_spec, "initContainers", parts.init_containers);
  put_if_set(pod_spec, "priorityClassName", parts.priority_class_name);
  put_if_set(pod_spec, "nodeSelector", string_map_json(parts.node_selector));
  if (parts.termination_grace_period_seconds) {
    pod_spec["terminationGracePeriodSeconds"] = *parts.termination_grace_period_seconds;
  }
  put_pod_common(pod_spec, instance, parts.merged);

  Json template_meta{{"labels", string_map_json(parts.merged.labels)}};
  put_if_set(template_meta, "annotations", string_map_json(parts.merged.annotations));

  Json spec{{"selector", {{"matchLabels", string_map_json(parts.selector)}}},
            {"strategy", parts.strategy},
            {"template", {{"metadata", template_meta}, {"spec", pod_spec}}}};
  if (parts.replicas) spec["replicas"] = *parts.replicas;

  Json deployment = k8s_object(
      "apps/v1", "Deployment", object_meta(instance, parts.name, parts.merged.labels, parts.metadata_annotations));
  deployment["spec"] = std::move(spec);
  return deployment;
}

Json liveness_probe_for(const operator_api::CommonSpec& component, int admin_port) {
  if (component.liveness_probe) return *component.liveness_probe;
  return liveness_probe(admin_port);
}

StringMap scrape_annotations(int admin_port) {
  return {{"prometheus.io/scrape", "true"},
          {"prometheus.io/port", std::to_string(admin_port)},
          {"linkerd.io/inject", "disabled"}};
}

void default_istio_injection_off(MergedSpec& merged) { merged.annotations.emplace("sidecar.istio.io/inject", "false"); }

std::vector<std::string> component_args(const operator_api::Options& component, const operator_api::Options& storage,
                                        std::string_view storage_prefix) {
  std::vector<std::string> args = component.to_args();
  for (auto& arg : storage.filter(storage_prefix).to_args()) args.push_back(std::move(arg));
  return args;
}

bool otlp_enabled(const std::vector<std::string>& args) {
  if (!has_arg_with_prefix(args, "--collector.otlp.enabled=")) return true;
  return has_arg_with_prefix(args, "--collector.otlp.enabled=true");
}

Json otlp_env(const std::vector<std::string>& args) {
  if (has_arg_with_prefix(args, "--collector.otlp.enabled=")) return Json::array();
  return Json::array({env_var("COLLECTOR_OTLP_ENABLED", "true")});
}

Json otlp_container_ports(const std::vector<std::string>& args) {
  if (!otlp_enabled(args)) return Json::array();
  return Json::array({container_port("grpc-otlp", 4317), container_port("http-otlp", 4318)});
}

void mount_storage_plugin(const Instance& instance, MergedSpec& merged) {
  const auto& storage = instance.spec().storage;
  if (storage.type != StorageType::GrpcPlugin || storage.grpc_plugin.image.empty()) return;
  merged.add_volume({{"name", "plugin-volume"}, {"emptyDir", Json::object()}},
                    {{"name", "plugin-volume"}, {"mountPath", "/plugin"}});
}

Json storage_plugin_init_containers(const Instance& instance, const MergedSpec& merged) {
  const auto& storage = instance.spec().storage;
  if (storage.type != StorageType::GrpcPlugin || storage.grpc_plugin.image.empty()) return Json::array();
  Json init{{"name", "install-plugin"}, {"image", storage.grpc_plugin.image}};
  put_if_set(init, "volumeMounts", merged.volume_mounts);
  return Json::array({init});
}

}  // namespace peregrine::operator_render
