// The collector Deployment `<n>-collector` (pkg/deployment/collector.go). With the streaming strategy it
// writes to Kafka and the real storage flags go to the ingester instead.
#include "operator/api/storage_type.hpp"
#include "operator/render/configmaps.hpp"
#include "operator/render/deployments.hpp"
#include "operator/render/images.hpp"
#include "operator/render/k8s_json.hpp"
#include "operator/render/workload.hpp"

namespace peregrine::operator_render {

using operator_api::DeploymentStrategy;
using operator_api::StorageType;

StringMap collector_labels(const Instance& instance) {
  return component_labels(instance, instance.name() + "-collector", "collector");
}

int collector_admin_port(const Instance& instance) {
  return admin_port_from_args(instance.spec().collector.options.to_args(), kCollectorAdminPort);
}

Json render_collector_deployment(const Instance& instance) {
  const auto& spec = instance.spec();
  const auto& collector = spec.collector;
  const int admin_port = collector_admin_port(instance);
  const bool streaming = spec.strategy == DeploymentStrategy::Streaming;
  const StorageType storage_type = streaming ? StorageType::Kafka : spec.storage.type;

  DeploymentParts parts;
  parts.name = instance.name() + "-collector";
  parts.selector = collector_labels(instance);
  parts.metadata_annotations = scrape_annotations(admin_port);
  parts.merged = merge_specs({&collector.common, &spec.common}, parts.selector, parts.metadata_annotations);
  default_istio_injection_off(parts.merged);

  std::vector<std::string> args = component_args(collector.options, spec.storage.options,
                                                 std::string(operator_api::storage_options_prefix(storage_type)));
  mount_sampling_config(instance, parts.merged, args);
  mount_storage_plugin(instance, parts.merged);
  operator_api::sort_args(args);

  ContainerParts& container = parts.container;
  container.name = "jaeger-collector";
  container.image = resolve_image(collector.image, ImageComponent::Collector, instance.context);
  container.args = args;
  container.env = Json::array({
      env_var("SPAN_STORAGE_TYPE", std::string(operator_api::storage_type_name(storage_type))),
      env_var("COLLECTOR_ZIPKIN_HOST_PORT", ":9411"),
  });
  for (const auto& entry : otlp_env(args)) container.env.push_back(entry);
  container.env_from = env_from_secret(spec.storage.secret_name);
  if (streaming) {
    for (const auto& entry : env_from_secret(collector.kafka_secret_name)) container.env_from.push_back(entry);
  }
  container.ports = Json::array({
      container_port("zipkin", 9411),
      container_port("c-tchan-trft", 14267),
      container_port("c-binary-trft", 14268),
      container_port("admin-http", admin_port),
      container_port("grpc", 14250),
  });
  for (const auto& port : otlp_container_ports(args)) container.ports.push_back(port);
  container.liveness_probe = liveness_probe_for(collector.common, admin_port);
  container.readiness_probe = readiness_probe(admin_port);
  container.lifecycle = collector.lifecycle;

  // Without fixed replicas the HorizontalPodAutoscaler owns the count.
  parts.replicas = collector.replicas;
  parts.strategy = deployment_strategy(collector.strategy);
  parts.priority_class_name = collector.priority_class_name;
  parts.node_selector = collector.node_selector;
  parts.init_containers = storage_plugin_init_containers(instance, parts.merged);
  parts.termination_grace_period_seconds = collector.termination_grace_period_seconds;
  return build_deployment(instance, parts);
}

}  // namespace peregrine::operator_render
