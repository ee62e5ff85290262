// Agent DaemonSet: rendered only for the DaemonSet strategy, host ports, reporter address, host network.
#include <gtest/gtest.h>

#include "render_test_support.hpp"

namespace peregrine::operator_test {
namespace {

TEST(AgentDaemonSet, SidecarStrategyRendersNoDaemonSet) {
  auto objects = render_yaml(
      "apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: a}\nspec:\n  agent:\n    strategy: Sidecar\n");
  for (const auto& object : objects) EXPECT_NE(object["kind"], "DaemonSet");
}

TEST(AgentDaemonSet, DaemonSetWithHostPortsAndHeadlessCollector) {
  auto objects = render_yaml(R"(
apiVersion: jaegertracing.io/v1
kind: Jaeger
metadata: {name: agent-as-daemonset, namespace: observability}
spec:
  agent:
    strategy: DaemonSet
    priorityClassName: high-priority
    options:
      log-level: debug
)");
  Json daemonset = get_object(objects, "DaemonSet", "agent-as-daemonset-agent-daemonset");
  EXPECT_EQ(daemonset["apiVersion"], "apps/v1");
  EXPECT_EQ(daemonset["metadata"]["labels"]["app.kubernetes.io/component"], "agent");
  EXPECT_EQ(daemonset["metadata"]["labels"]["app.kubernetes.io/name"], "agent-as-daemonset-agent");
  Json container = first_container(daemonset);
  EXPECT_EQ(container["name"], "jaeger-agent-daemonset");
  EXPECT_EQ(container["image"], "peregrine/agent:1.2.3");
  EXPECT_EQ(strings_of(container["args"]),
            (std::vector<std::string>{
                "--log-level=debug",
                "--reporter.grpc.host-port=dns:///agent-as-daemonset-collector-headless.observability:14250"}));
  std::vector<std::pair<std::string, int>> ports;
  for (const auto& port : container["ports"]) {
    EXPECT_EQ(port["hostPort"], port["containerPort"]);
    ports.emplace_back(port["name"], port["containerPort"]);
  }
  EXPECT_EQ(ports, (std::vector<std::pair<std::string, int>>{{"zk-compact-trft", 5775},
                                                               {"config-rest", 5778},
                                                               {"jg-compact-trft", 6831},
                                                               {"jg-binary-trft", 6832},
                                                               {"admin-http", 14271}}));
  EXPECT_EQ(container["livenessProbe"]["httpGet"]["port"], 14271);
  const Json& pod = daemonset["spec"]["template"]["spec"];
  EXPECT_EQ(pod["priorityClassName"], "high-priority");
  EXPECT_FALSE(pod.contains("hostNetwork"));
}

TEST(AgentDaemonSet, ExplicitReporterPortsAndHostNetwork) {
  auto objects = render_yaml(R"(
apiVersion: jaegertracing.io/v1
kind: Jaeger
metadata: {name: a}
spec:
  agent:
    strategy: daemonset
    hostNetwork: true
    options:
      reporter.grpc.host-port: collector.tracing.svc:14250
      processor.jaeger-compact.server-host-port: 0.0.0.0:6931
)");
  Json daemonset = get_object(objects, "DaemonSet", "a-agent-daemonset");
  Json container = first_container(daemonset);
  EXPECT_EQ(strings_of(container["args"]),
            (std::vector<std::string>{"--processor.jaeger-compact.server-host-port=0.0.0.0:6931",
                                      "--reporter.grpc.host-port=collector.tracing.svc:14250"}));
  EXPECT_EQ(container["ports"][2]["containerPort"], 6931);
  EXPECT_EQ(container["ports"][2]["hostPort"], 6931);
  const Json& pod = daemonset["spec"]["template"]["spec"];
  EXPECT_EQ(pod["hostNetwork"], true);
  EXPECT_EQ(pod["dnsPolicy"], "ClusterFirstWithHostNet");
}

}  // namespace
}  // namespace peregrine::operator_test
