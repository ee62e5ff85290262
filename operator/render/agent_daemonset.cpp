// Agent DaemonSet rendering (pkg/deployment/agent.go of the Jaeger operator).
#include "operator/render/agent_daemonset.hpp"

#include <algorithm>
#include <cctype>

#include "operator/render/images.hpp"
#include "operator/render/k8s_json.hpp"
#include "operator/render/merged_spec.hpp"
#include "operator/render/naming.hpp"
#include "operator/render/workload.hpp"

namespace peregrine::operator_render {

namespace {

bool is_daemonset_strategy(std::string strategy) {
  std::transform(strategy.begin(), strategy.end(), strategy.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return strategy == "daemonset";
}

Json host_port(const std::string& name, int port, bool udp = false) {
  Json entry = container_port(name, port, udp);
  entry["hostPort"] = port;
  return entry;
}

}  // namespace

std::optional<Json> render_agent_daemonset(const Instance& instance) {
  const auto& spec = instance.spec();
  const auto& agent = spec.agent;
  if (!is_daemonset_strategy(agent.strategy)) return std::nullopt;

  std::vector<std::string> args = agent.options.to_args();
  if (!has_arg_with_prefix(args, "--reporter.grpc.host-port=")) {
    args.push_back("--reporter.grpc.host-port=dns:///" + collector_headless_service_name(instance) + "." +
                   instance.namespace_name + ":14250");
  }
  operator_api::sort_args(args);

  const int zipkin_compact = port_from_args(args, "--processor.zipkin-compact.server-host-port=", 5775);
  const int config_rest = port_from_args(args, "--http-server.host-port=", 5778);
  const int jaeger_compact = port_from_args(args, "--processor.jaeger-compact.server-host-port=", 6831);
  const int jaeger_binary = port_from_args(args, "--processor.jaeger-binary.server-host-port=", 6832);
  const int admin_port = admin_port_from_args(args, kAgentAdminPort);

  const std::string name = instance.name() + "-agent-daemonset";
  const StringMap selector = component_labels(instance, instance.name() + "-agent", "agent");
  MergedSpec merged = merge_specs({&agent.common, &spec.common}, selector, scrape_annotations(admin_port));
  default_istio_injection_off(merged);

  ContainerParts container;
  container.name = "jaeger-agent-daemonset";
  container.image = resolve_image(agent.image, ImageComponent::Agent, instance.context);
  container.args = args;
  container.ports = Json::array({
      host_port("zk-compact-trft", zipkin_compact, true),
      host_port("config-rest", config_rest),
      host_port("jg-compact-trft", jaeger_compact, true),
      host_port("jg-binary-trft", jaeger_binary, true),
      host_port("admin-http", admin_port),
  });
  container.liveness_probe = liveness_probe_for(agent.common, admin_port);
  container.readiness_probe = readiness_probe(admin_port);

  Json pod_spec{{"containers", Json::array({build_container(container, merged)})}, {"enableServiceLinks", false}};
  if (agent.host_network.has_value()) {
    if (*agent.host_network) pod_spec["hostNetwork"] = true;
    // On the host network, cluster DNS must still resolve the collector service.
    pod_spec["dnsPolicy"] = agent.dns_policy.empty() ? "ClusterFirstWithHostNet" : agent.dns_policy;
  } else {
    put_if_set(pod_spec, "dnsPolicy", agent.dns_policy);
  }
  put_if_set(pod_spec, "priorityClassName", agent.priority_class_name);
  put_pod_common(pod_spec, instance, merged);

  Json template_meta{{"labels", string_map_json(merged.labels)}};
  put_if_set(template_meta, "annotations", string_map_json(merged.annotations));

  Json daemonset = k8s_object("apps/v1", "DaemonSet", object_meta(instance, name, merged.labels));
  daemonset["spec"] = {{"selector", {{"matchLabels", string_map_json(selector)}}},
                       {"template", {{"metadata", template_meta}, {"spec", pod_spec}}}};
  return daemonset;
}

}  // namespace peregrine::operator_render
