// Service rendering (pkg/service of the Jaeger operator).
#include "operator/render/services.hpp"

#include <algorithm>
#include <cctype>

#include "operator/render/k8s_json.hpp"
#include "operator/render/naming.hpp"
#include "operator/render/workload.hpp"

namespace peregrine::operator_render {

namespace {

using operator_api::DeploymentStrategy;

Json service_port(const std::string& name, int port, int target_port = 0, bool udp = false) {
  Json entry{{"name", name}, {"port", port}};
  if (target_port != 0) entry["targetPort"] = target_port;
  if (udp) entry["protocol"] = "UDP";
  return entry;
}

bool collector_grpc_tls_enabled(const Instance& instance) {
  auto value = instance.spec().collector.options.get("collector.grpc.tls.enabled");
  if (!value) return false;
  std::string lower = *value;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower == "true" || lower == "1" || lower == "t";
}

// The process that receives spans: the all-in-one pod, or the collector in the other strategies.
std::vector<std::string> receiver_args(const Instance& instance) {
  const auto& spec = instance.spec();
  return spec.strategy == DeploymentStrategy::AllInOne ? spec.all_in_one.options.to_args()
                                                       : spec.collector.options.to_args();
}

Json collector_service(const Instance& instance, const StringMap& selector, int admin_port) {
  const std::string name = collector_service_name(instance);
  Json ports = Json::array({
      service_port("http-zipkin", 9411),
      service_port(collector_grpc_tls_enabled(instance) ? "tls-grpc-jaeger" : "grpc-jaeger", 14250),
      service_port("http-c-tchan-trft", 14267),
      service_port("http-c-binary-trft", 14268),
      service_port("admin-http", 14269, admin_port == 14269 ? 0 : admin_port),
  });
  if (otlp_enabled(receiver_args(instance))) {
    ports.push_back(service_port("grpc-otlp", 4317));
    ports.push_back(service_port("http-otlp", 4318));
  }
  Json service = k8s_object("v1", "Service",
                            object_meta(instance, name, component_labels(instance, name, "service-collector"),
                                        instance.spec().collector.common.annotations));
  service["spec"] = {{"selector", string_map_json(selector)}, {"ports", ports}};
  return service;
}

}  // namespace

std::vector<Json> render_collector_services(const Instance& instance, const StringMap& selector, int admin_port) {
  Json headless = collector_service(instance, selector, admin_port);
  const std::string headless_name = collector_headless_service_name(instance);
  headless["metadata"]["name"] = headless_name;
  headless["metadata"]["annotations"] = {
      {"prometheus.io/scrape", "false"},
      {"service.beta.openshift.io/serving-cert-secret-name", headless_name + "-tls"},
  };
  headless["spec"]["clusterIP"] = "None";

  Json cluster_ip = collector_service(instance, selector, admin_port);
  const std::string& type = instance.spec().collector.service_type;
  cluster_ip["spec"]["type"] = type.empty() ? "ClusterIP" : type;
  return {headless, cluster_ip};
}

Json render_query_service(const Instance& instance, const StringMap& selector, int admin_port) {
  const auto& query = instance.spec().query;
  const std::string name = query_service_name(instance);
  const std::string type = query.service_type.empty() ? "ClusterIP" : query.service_type;
  Json http = service_port("http-query", 16686, 16686);
  Json grpc = service_port("grpc-query", 16685, 16685);
  if (type == "NodePort") {
    if (query.node_port != 0) http["nodePort"] = query.node_port;
    if (query.grpc_node_port != 0) grpc["nodePort"] = query.grpc_node_port;
  }
  Json service = k8s_object(
      "v1", "Service",
      object_meta(instance, name, component_labels(instance, name, "service-query"), query.common.annotations));
  service["spec"] = {{"selector", string_map_json(selector)},
                     {"type", type},
                     {"ports", Json::array({http, grpc, service_port("admin-http", 16687, admin_port)})}};
  return service;
}

Json render_agent_service(const Instance& instance, const StringMap& selector) {
  const std::string name = agent_service_name(instance);
  Json service =
      k8s_object("v1", "Service", object_meta(instance, name, component_labels(instance, name, "service-agent")));
  service["spec"] = {{"selector", string_map_json(selector)},
                     {"clusterIP", "None"},
                     {"ports", Json::array({
                                   service_port("zk-compact-trft", 5775, 0, true),
                                   service_port("config-rest", 5778),
                                   service_port("jg-compact-trft", 6831, 0, true),
                                   service_port("jg-binary-trft", 6832, 0, true),
                               })}};
  return service;
}

}  // namespace peregrine::operator_render
