// The ingester Deployment `<n>-ingester` (pkg/deployment/ingester.go): streaming only, reads Kafka and
// writes to the real storage.
#include "operator/api/storage_type.hpp"
#include "operator/render/deployments.hpp"
#include "operator/render/images.hpp"
#include "operator/render/k8s_json.hpp"
#include "operator/render/workload.hpp"

namespace peregrine::operator_render {

StringMap ingester_labels(const Instance& instance) {
  return component_labels(instance, instance.name() + "-ingester", "ingester");
}

std::optional<Json> render_ingester_deployment(const Instance& instance) {
  const auto& spec = instance.spec();
  if (spec.strategy != operator_api::DeploymentStrategy::Streaming) return std::nullopt;
  const auto& ingester = spec.ingester;
  const int admin_port = admin_port_from_args(ingester.options.to_args(), kIngesterAdminPort);

  DeploymentParts parts;
  parts.name = instance.name() + "-ingester";
  parts.selector = ingester_labels(instance);
  parts.merged = merge_specs({&ingester.common, &spec.common}, parts.selector, scrape_annotations(admin_port));
  default_istio_injection_off(parts.merged);

  std::vector<std::string> args = component_args(ingester.options, spec.storage.options,
                                                 std::string(operator_api::storage_options_prefix(spec.storage.type)));
  mount_storage_plugin(instance, parts.merged);
  operator_api::sort_args(args);

  ContainerParts& container = parts.container;
  container.name = "jaeger-ingester";
  container.image = resolve_image(ingester.image, ImageComponent::Ingester, instance.context);
  container.args = args;
  container.env =
      Json::array({env_var("SPAN_STORAGE_TYPE", std::string(operator_api::storage_type_name(spec.storage.type)))});
  container.env_from = env_from_secret(spec.storage.secret_name);
  for (const auto& entry : env_from_secret(ingester.kafka_secret_name)) container.env_from.push_back(entry);
  container.ports = Json::array({container_port("admin-http", admin_port)});
  container.liveness_probe = liveness_probe_for(ingester.common, admin_port);
  container.readiness_probe = readiness_probe(admin_port);

  parts.replicas = ingester.replicas;
  parts.strategy = deployment_strategy(ingester.strategy);
  parts.node_selector = ingester.node_selector;
  parts.init_containers = storage_plugin_init_containers(instance, parts.merged);
  return build_deployment(instance, parts);
}

}  // namespace peregrine::operator_render
