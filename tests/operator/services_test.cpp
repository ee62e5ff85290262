// Services: names, port order, headless collector, query ports, agent service, service types.
#include <gtest/gtest.h>

#include "render_test_support.hpp"

namespace peregrine::operator_test {
namespace {

std::vector<std::pair<std::string, int>> ports_of(const Json& service) {
  std::vector<std::pair<std::string, int>> ports;
  for (const auto& port : service["spec"]["ports"]) ports.emplace_back(port["name"], port["port"]);
  return ports;
}

const std::vector<std::pair<std::string, int>> kCollectorPorts{
    {"http-zipkin", 9411}, {"grpc-jaeger", 14250}, {"http-c-tchan-trft", 14267}, {"http-c-binary-trft", 14268},
    {"admin-http", 14269}, {"grpc-otlp", 4317},    {"http-otlp", 4318}};

TEST(Services, CollectorServicesInJaegerPortOrder) {
  auto objects = render_yaml("apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: simplest}\n");
  Json headless = get_object(objects, "Service", "simplest-collector-headless");
  Json cluster_ip = get_object(objects, "Service", "simplest-collector");
  EXPECT_EQ(ports_of(headless), kCollectorPorts);
  EXPECT_EQ(ports_of(cluster_ip), kCollectorPorts);
  EXPECT_EQ(headless["spec"]["clusterIP"], "None");
  EXPECT_EQ(headless["metadata"]["annotations"]["prometheus.io/scrape"], "false");
  EXPECT_EQ(cluster_ip["spec"]["type"], "ClusterIP");
  EXPECT_FALSE(cluster_ip["spec"].contains("clusterIP"));
  EXPECT_EQ(cluster_ip["metadata"]["labels"]["app.kubernetes.io/component"], "service-collector");
  // all-in-one: every service selects the all-in-one pod
  EXPECT_EQ(cluster_ip["spec"]["selector"]["app.kubernetes.io/component"], "all-in-one");
}

TEST(Services, QueryServicePorts) {
  auto objects = render_yaml(
      "apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: p}\nspec:\n  strategy: production\n"
      "  storage: {type: elasticsearch}\n");
  Json query = get_object(objects, "Service", "p-query");
  EXPECT_EQ(ports_of(query),
            (std::vector<std::pair<std::string, int>>{{"http-query", 16686}, {"grpc-query", 16685}, {"admin-http", 16687}}));
  EXPECT_EQ(query["spec"]["ports"][0]["targetPort"], 16686);
  EXPECT_EQ(query["spec"]["selector"]["app.kubernetes.io/component"], "query");
  EXPECT_EQ(query["metadata"]["labels"]["app.kubernetes.io/component"], "service-query");
  Json collector = get_object(objects, "Service", "p-collector");
  EXPECT_EQ(collector["spec"]["selector"]["app.kubernetes.io/component"], "collector");
  EXPECT_EQ(find_object(objects, "Service", "p-agent"), nullptr);
}

TEST(Services, AgentServiceOnlyForAllInOne) {
  auto objects = render_yaml("apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: aio}\n");
  Json agent = get_object(objects, "Service", "aio-agent");
  EXPECT_EQ(agent["spec"]["clusterIP"], "None");
  EXPECT_EQ(ports_of(agent), (std::vector<std::pair<std::string, int>>{
                                 {"zk-compact-trft", 5775}, {"config-rest", 5778}, {"jg-compact-trft", 6831},
                                 {"jg-binary-trft", 6832}}));
  EXPECT_EQ(agent["spec"]["ports"][0]["protocol"], "UDP");
  EXPECT_FALSE(agent["spec"]["ports"][1].contains("protocol"));
}

TEST(Services, ServiceTypesNodePortsAndAnnotations) {
  auto objects = render_yaml(R"(
apiVersion: jaegertracing.io/v1
kind: Jaeger
metadata: {name: st}
spec:
  query:
    serviceType: NodePort
    nodePort: 30686
    annotations: {example.com/team: a}
  collector:
    serviceType: LoadBalancer
    options:
      collector:
        grpc:
          tls:
            enabled: true
)");
  Json query = get_object(objects, "Service", "st-query");
  EXPECT_EQ(query["spec"]["type"], "NodePort");
  EXPECT_EQ(query["spec"]["ports"][0]["nodePort"], 30686);
  EXPECT_FALSE(query["spec"]["ports"][1].contains("nodePort"));
  EXPECT_EQ(query["metadata"]["annotations"]["example.com/team"], "a");
  Json collector = get_object(objects, "Service", "st-collector");
  EXPECT_EQ(collector["spec"]["type"], "LoadBalancer");
  EXPECT_EQ(collector["spec"]["ports"][1]["name"], "tls-grpc-jaeger");
  EXPECT_FALSE(get_object(objects, "Service", "st-collector-headless")["spec"].contains("type"));
}

TEST(Services, LongNamesAreTruncatedToDnsLabels) {
  std::string name(60, 'j');
  auto objects = render_yaml("apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: " + name + "}\n");
  std::string headless = name.substr(0, 63 - 19) + "-collector-headless";
  ASSERT_NE(find_object(objects, "Service", headless), nullptr);
  EXPECT_EQ(headless.size(), 63u);
}

}  // namespace
}  // namespace peregrine::operator_test
