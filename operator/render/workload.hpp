// Shared assembly of the Jaeger component Deployments: the pieces each component decides (name, args, env,
// ports, ...) go into DeploymentParts, and build_deployment() turns them into an apps/v1 Deployment with the
// operator's conventions (selector = operator labels only, probes on the admin port, no service links).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "operator/api/jaeger_types.hpp"
#include "operator/api/options.hpp"
#include "operator/render/instance.hpp"
#include "operator/render/merged_spec.hpp"

namespace peregrine::operator_render {

struct ContainerParts {
  std::string name;
  std::string image;
  std::vector<std::string> args;  // sorted by the caller
  Json env = Json::array();
  Json env_from = Json::array();
  Json ports = Json::array();
  Json liveness_probe;
  Json readiness_probe;
  std::optional<Json> lifecycle;
};

struct DeploymentParts {
  std::string name;
  StringMap selector;              // operator labels of the component, never user labels
  MergedSpec merged;               // labels/annotations/volumes/... of the pod
  StringMap metadata_annotations;  // annotations of the Deployment object itself
  std::optional<std::int32_t> replicas;
  Json strategy;
  ContainerParts container;
  std::string priority_class_name;
  StringMap node_selector;
  Json init_containers = Json::array();
  std::optional<std::int64_t> termination_grace_period_seconds;
};

Json build_container(const ContainerParts& parts, const MergedSpec& merged);
Json build_deployment(const Instance& instance, const DeploymentParts& parts);

// The component's own livenessProbe when given, else GET / on the admin port.
Json liveness_probe_for(const operator_api::CommonSpec& component, int admin_port);

// Operator annotations every component pod gets: Prometheus scraping on the admin port, no Linkerd proxy.
StringMap scrape_annotations(int admin_port);
// Pods opt out of Istio sidecars unless the user decided otherwise.
void default_istio_injection_off(MergedSpec& merged);

// The component's own option args followed by the storage flags that carry `storage_prefix` ("es" passes
// es.* and es-archive.*), unsorted.
std::vector<std::string> component_args(const operator_api::Options& component, const operator_api::Options& storage,
                                        std::string_view storage_prefix);

// OTLP receivers are on unless `--collector.otlp.enabled` says otherwise: COLLECTOR_OTLP_ENABLED=true is
// set when the flag is absent, and ports 4317/4318 are exposed when enabled.
Json otlp_env(const std::vector<std::string>& args);
Json otlp_container_ports(const std::vector<std::string>& args);
bool otlp_enabled(const std::vector<std::string>& args);

// grpc-plugin storage: an emptyDir at /plugin filled by an init container running spec.storage.grpcPlugin.image.
void mount_storage_plugin(const Instance& instance, MergedSpec& merged);
Json storage_plugin_init_containers(const Instance& instance, const MergedSpec& merged);

}  // namespace peregrine::operator_render
