// The query Deployment `<n>-query` (pkg/deployment/query.go).
#include "operator/api/storage_type.hpp"
#include "operator/render/configmaps.hpp"
#include "operator/render/deployments.hpp"
#include "operator/render/images.hpp"
#include "operator/render/k8s_json.hpp"
#include "operator/render/workload.hpp"

namespace peregrine::operator_render {

StringMap query_labels(const Instance& instance) {
  return component_labels(instance, instance.name() + "-query", "query");
}

int query_admin_port(const Instance& instance) {
  return admin_port_from_args(instance.spec().query.options.to_args(), kQueryAdminPort);
}

Json render_query_deployment(const Instance& instance) {
  const auto& spec = instance.spec();
  const auto& query = spec.query;
  const int admin_port = query_admin_port(instance);
  const bool tracing_disabled = query.tracing_enabled.has_value() && !*query.tracing_enabled;

  DeploymentParts parts;
  parts.name = instance.name() + "-query";
  parts.selector = query_labels(instance);
  parts.metadata_annotations = scrape_annotations(admin_port);
  // The Jaeger operator asks its sidecar injector to trace the query service itself; the annotation is part
  // of its public behaviour, so it is kept.
  if (!tracing_disabled) parts.metadata_annotations["sidecar.jaegertracing.io/inject"] = instance.name();
  parts.merged = merge_specs({&query.common, &spec.common}, parts.selector, parts.metadata_annotations);
  default_istio_injection_off(parts.merged);

  std::vector<std::string> args = component_args(query.options, spec.storage.options,
                                                 std::string(operator_api::storage_options_prefix(spec.storage.type)));
  mount_ui_config(instance, parts.merged, args);
  mount_storage_plugin(instance, parts.merged);
  operator_api::sort_args(args);

  ContainerParts& container = parts.container;
  container.name = "jaeger-query";
  container.image = resolve_image(query.image, ImageComponent::Query, instance.context);
  container.args = args;
  container.env = Json::array({
      env_var("SPAN_STORAGE_TYPE", std::string(operator_api::storage_type_name(spec.storage.type))),
      env_var("METRICS_STORAGE_TYPE", query.metrics_storage.type),
      env_var("JAEGER_DISABLED", tracing_disabled ? "true" : "false"),
  });
  if (query.metrics_storage.type == "prometheus") {
    container.env.push_back(env_var("PROMETHEUS_SERVER_URL", query.metrics_storage.server_url));
  }
  container.env_from = env_from_secret(spec.storage.secret_name);
  container.ports = Json::array({
      container_port("grpc-query", 16685),
      container_port("query", 16686),
      container_port("admin-http", admin_port),
  });
  container.liveness_probe = liveness_probe_for(query.common, admin_port);
  container.readiness_probe = readiness_probe(admin_port);

  parts.replicas = query.replicas;
  parts.strategy = deployment_strategy(query.strategy);
  parts.priority_class_name = query.priority_class_name;
  parts.node_selector = query.node_selector;
  parts.init_containers = storage_plugin_init_containers(instance, parts.merged);
  return build_deployment(instance, parts);
}

}  // namespace peregrine::operator_render
