// The all-in-one Deployment `<n>`: collector, query and agent in one pod (pkg/deployment/all_in_one.go).
#include "operator/api/storage_type.hpp"
#include "operator/render/configmaps.hpp"
#include "operator/render/deployments.hpp"
#include "operator/render/images.hpp"
#include "operator/render/k8s_json.hpp"
#include "operator/render/workload.hpp"

namespace peregrine::operator_render {

StringMap all_in_one_labels(const Instance& instance) {
  return component_labels(instance, instance.name(), "all-in-one");
}

int all_in_one_admin_port(const Instance& instance) {
  return admin_port_from_args(instance.spec().all_in_one.options.to_args(), kAllInOneAdminPort);
}

Json render_all_in_one_deployment(const Instance& instance) {
  const auto& spec = instance.spec();
  const auto& all_in_one = spec.all_in_one;
  const int admin_port = all_in_one_admin_port(instance);

  DeploymentParts parts;
  parts.name = instance.name();
  parts.selector = all_in_one_labels(instance);
  parts.metadata_annotations = scrape_annotations(admin_port);
  parts.merged = merge_specs({&all_in_one.common, &spec.common}, parts.selector, parts.metadata_annotations);
  default_istio_injection_off(parts.merged);

  std::vector<std::string> args = component_args(all_in_one.options, spec.storage.options,
                                                 std::string(operator_api::storage_options_prefix(spec.storage.type)));
  mount_ui_config(instance, parts.merged, args);
  mount_sampling_config(instance, parts.merged, args);
  mount_storage_plugin(instance, parts.merged);
  operator_api::sort_args(args);

  ContainerParts& container = parts.container;
  container.name = "jaeger";
  container.image = resolve_image(all_in_one.image, ImageComponent::AllInOne, instance.context);
  container.args = args;
  const bool tracing_disabled = all_in_one.tracing_enabled.has_value() && !*all_in_one.tracing_enabled;
  container.env = Json::array({
      env_var("SPAN_STORAGE_TYPE", std::string(operator_api::storage_type_name(spec.storage.type))),
      env_var("METRICS_STORAGE_TYPE", all_in_one.metrics_storage.type),
      env_var("COLLECTOR_ZIPKIN_HOST_PORT", ":9411"),
      env_var("JAEGER_DISABLED", tracing_disabled ? "true" : "false"),
  });
  if (all_in_one.metrics_storage.type == "prometheus" && !all_in_one.metrics_storage.server_url.empty()) {
    container.env.push_back(env_var("PROMETHEUS_SERVER_URL", all_in_one.metrics_storage.server_url));
  }
  for (const auto& entry : otlp_env(args)) container.env.push_back(entry);
  container.env_from = env_from_secret(spec.storage.secret_name);
  container.ports = Json::array({
      container_port("zk-compact-trft", 5775, true),
      container_port("config-rest", 5778),
      container_port("jg-compact-trft", 6831, true),
      container_port("jg-binary-trft", 6832, true),
      container_port("zipkin", 9411),
      container_port("c-tchan-trft", 14267),
      container_port("c-binary-trft", 14268),
      container_port("grpc-query", 16685),
      container_port("query", 16686),
      container_port("admin-http", admin_port),
      container_port("grpc", 14250),
  });
  for (const auto& port : otlp_container_ports(args)) container.ports.push_back(port);
  container.liveness_probe = liveness_probe_for(all_in_one.common, admin_port);
  container.readiness_probe = readiness_probe(admin_port);

  parts.strategy = deployment_strategy(all_in_one.strategy);
  parts.priority_class_name = all_in_one.priority_class_name;
  parts.init_containers = storage_plugin_init_containers(instance, parts.merged);
  return build_deployment(instance, parts);
}

}  // namespace peregrine::operator_render
