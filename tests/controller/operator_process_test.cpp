// Process-level tests of the controller mode: flags, ports file, /healthz, /readyz, /metrics, reconciling a
// kubectl-applied CR, sidecar injection through the operator's webhook as the API double calls it, clean exit on
// SIGTERM, bad flags, and the `api-calls` listing the RBAC rules come from.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/controller/test_cluster.hpp"
#include "tests/kube-apiserver-double/manifest_loader.hpp"

namespace peregrine::controller {
namespace {

using testing::ChildProcess;
using testing::eventually;
using testing::http_get;
using testing::TestCluster;

std::optional<nlohmann::json> read_ports(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  try {
    return nlohmann::json::parse(text.str());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

TEST(OperatorProcess, ServesProbesAndMetricsReconcilesAndStopsOnSigterm) {
  TestCluster cluster;
  const std::string ports_file = cluster.dir() + "/operator-ports.json";
  ChildProcess op({PEREGRINE_OPERATOR_TEST_MAIN, "run", "--kubeconfig", cluster.kubeconfig(), "--ports-file", ports_file,
                   "--webhook-bind-address=127.0.0.1:0",
                   "--health-probe-bind-address=127.0.0.1:0", "--metrics-bind-address=127.0.0.1:0", "--workers=2"},
                  cluster.dir() + "/operator.log");
  std::optional<nlohmann::json> ports;
  ASSERT_TRUE(eventually([&] { return (ports = read_ports(ports_file)).has_value(); })) << op.log();
  const uint16_t health = (*ports)["health"];
  const uint16_t metrics = (*ports)["metrics"];
  EXPECT_EQ(http_get(health, "/healthz").status, 200);
  ASSERT_TRUE(eventually([&] { return http_get(health, "/readyz").status == 200; })) << op.log();

  const auto applied = cluster.kubectl({"apply", "-f", std::string(PEREGRINE_OPERATOR_EXAMPLES_DIR) + "/simplest.yaml"});
  ASSERT_EQ(applied.exit_code, 0) << applied.output;
  ASSERT_TRUE(eventually([&] { return cluster.jaeger_phase("default", "simplest") == "Running"; })) << op.log();

  const auto scraped = http_get(metrics, "/metrics");
  EXPECT_EQ(scraped.status, 200);
  EXPECT_NE(scraped.body.find("controller_runtime_reconcile_total{controller=\"jaeger\",result=\"success\"}"),
            std::string::npos)
      << scraped.body;
  EXPECT_NE(scraped.body.find("workqueue_depth{name=\"jaeger\"}"), std::string::npos);
  EXPECT_NE(scraped.body.find("controller_runtime_reconcile_time_seconds_bucket"), std::string::npos);
  EXPECT_NE(scraped.body.find("peregrine_operator_api_writes_total{resource=\"deployments.apps\",verb=\"create\"} 1"),
            std::string::npos);

  op.signal(SIGTERM);
  EXPECT_EQ(op.wait(std::chrono::seconds(30)), 0) << op.log();
}

// The operator binary with the webhook registration of manifests/install.yaml: it publishes its caBundle, the API
// double calls its webhook (TLS, verified with that caBundle) when kubectl applies an annotated Deployment, and the
// stored Deployment carries the agent pointing at the Jaeger the operator runs.
TEST(OperatorProcess, InjectsSidecarsThroughItsWebhook) {
  TestCluster cluster;
  cluster.api().create_object({{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "peregrine-system"}}}});
  for (const auto& object : kubedouble::load_manifest_file(PEREGRINE_INSTALL_MANIFEST)) {
    const std::string kind = object.value("kind", "");
    if (kind == "MutatingWebhookConfiguration" ||
        (kind == "Service" && object["metadata"].value("name", "") == "peregrine-operator-webhook")) {
      cluster.api().create_object(object);
    }
  }
  ::setenv("POD_NAMESPACE", "peregrine-system", 1);  // as the Deployment's downward API sets it
  const std::string ports_file = cluster.dir() + "/operator-ports.json";
  ChildProcess op({PEREGRINE_OPERATOR_TEST_MAIN, "start", "--kubeconfig", cluster.kubeconfig(), "--ports-file", ports_file,
                   "--webhook-bind-address=127.0.0.1:0", "--health-probe-bind-address=127.0.0.1:0",
                   "--metrics-bind-address=127.0.0.1:0"},
                  cluster.dir() + "/operator.log");
  std::optional<nlohmann::json> ports;
  ASSERT_TRUE(eventually([&] { return (ports = read_ports(ports_file)).has_value(); })) << op.log();
  const uint16_t webhook_port = (*ports)["webhook"];
  ASSERT_NE(webhook_port, 0);
  // What the endpoints controller writes for the operator pod.
  cluster.api().create_object({{"apiVersion", "v1"},
                               {"kind", "Endpoints"},
                               {"metadata", {{"name", "peregrine-operator-webhook"}, {"namespace", "peregrine-system"}}},
                               {"subsets", nlohmann::json::array({{{"addresses", nlohmann::json::array({{{"ip", "127.0.0.1"}}})},
                                                                   {"ports", nlohmann::json::array({{{"name", "https-webhook"}, {"port", webhook_port}}})}}})}});
  const kube::GroupVersionResource configurations{"admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", false};
  ASSERT_TRUE(eventually([&] {
    const auto configuration = cluster.get(configurations, "", "peregrine-operator");
    return configuration && !(*configuration)["webhooks"][0]["clientConfig"].value("caBundle", "").empty();
  })) << op.log();

  const auto jaeger = cluster.kubectl_apply("apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata:\n  name: simplest\n");
  ASSERT_EQ(jaeger.exit_code, 0) << jaeger.output;
  ASSERT_TRUE(eventually([&] { return cluster.jaeger_phase("default", "simplest") == "Running"; })) << op.log();

  const auto shop = cluster.kubectl_apply(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  annotations: {sidecar.jaegertracing.io/inject: "true"}
spec:
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec:
      containers: [{name: shop, image: example/shop:1}]
)");
  ASSERT_EQ(shop.exit_code, 0) << shop.output;
  ASSERT_TRUE(eventually([&] {
    return cluster.kubectl({"get", "deployment", "shop", "-o", "jsonpath={.spec.template.spec.containers[*].name}"})
               .output == "shop jaeger-agent";
  })) << op.log();
  const auto args = cluster.kubectl({"get", "deployment", "shop", "-o", "jsonpath={.spec.template.spec.containers[1].args}"});
  EXPECT_NE(args.output.find("simplest-collector-headless.default.svc:14250"), std::string::npos) << args.output;
  const nlohmann::json admission = cluster.api().admission().stats();
  EXPECT_GE(admission["calls"].value("sidecar-injector.peregrine.jaegertracing.io", 0), 1) << admission.dump();
  EXPECT_TRUE(admission["failures"].empty()) << admission.dump() << op.log();

  op.signal(SIGTERM);
  EXPECT_EQ(op.wait(std::chrono::seconds(30)), 0) << op.log();
}

TEST(OperatorProcess, BadFlagsExitWithUsage) {
  TestCluster cluster;
  ChildProcess op({PEREGRINE_OPERATOR_TEST_MAIN, "--no-such-flag"}, cluster.dir() + "/bad.log");
  EXPECT_EQ(op.wait(std::chrono::seconds(30)), 2);
  EXPECT_NE(op.log().find("unknown flag --no-such-flag"), std::string::npos) << op.log();
}

TEST(OperatorProcess, UnreachableApiServerExitsWithFailure) {
  TestCluster cluster;
  const std::string kubeconfig = cluster.dir() + "/unreachable";
  std::ofstream(kubeconfig) << "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: "
                               "http://127.0.0.1:1\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n"
                               "users:\n- name: u\n  user: {}\ncurrent-context: c\n";
  ChildProcess op({PEREGRINE_OPERATOR_TEST_MAIN, "--kubeconfig", kubeconfig, "--health-probe-bind-address=127.0.0.1:0",
                   "--metrics-bind-address=0"},
                  cluster.dir() + "/unreachable.log");
  EXPECT_EQ(op.wait(std::chrono::seconds(60)), 1) << op.log();
}

TEST(OperatorProcess, ApiCallsListEveryDeclaredCall) {
  TestCluster cluster;
  ChildProcess op({PEREGRINE_OPERATOR_TEST_MAIN, "api-calls"}, cluster.dir() + "/api-calls.json");
  ASSERT_EQ(op.wait(std::chrono::seconds(30)), 0);
  const auto calls = nlohmann::json::parse(op.log());
  auto has = [&](const std::string& verb, const std::string& group, const std::string& resource,
                 const std::string& subresource = "") {
    for (const auto& call : calls) {
      if (call["verb"] == verb && call["group"] == group && call["resource"] == resource &&
          call["subresource"] == subresource) {
        return true;
      }
    }
    return false;
  };
  EXPECT_TRUE(has("watch", "jaegertracing.io", "jaegers"));
  EXPECT_TRUE(has("update", "jaegertracing.io", "jaegers", "status"));
  EXPECT_TRUE(has("create", "apps", "deployments"));
  EXPECT_TRUE(has("delete", "autoscaling", "horizontalpodautoscalers"));
  EXPECT_TRUE(has("update", "batch", "cronjobs"));
  EXPECT_TRUE(has("list", "networking.k8s.io", "ingresses"));
  EXPECT_TRUE(has("create", "", "events"));
  EXPECT_TRUE(has("update", "coordination.k8s.io", "leases"));
  // Sidecar injection patches annotated workloads and the webhook configuration's caBundle.
  EXPECT_TRUE(has("patch", "apps", "deployments"));
  EXPECT_TRUE(has("patch", "admissionregistration.k8s.io", "mutatingwebhookconfigurations"));
  // Nothing the operator owns outright is patched: owned objects are created/updated/deleted.
  EXPECT_FALSE(has("patch", "", "services"));
}

}  // namespace
}  // namespace peregrine::controller
