// Unit tests of controller flags/environment, API version discovery, events and the probe endpoints.
#include <gtest/gtest.h>

#include <map>

#include "operator/controller/controller_metrics.hpp"
#include "operator/controller/controller_options.hpp"
#include "operator/controller/kube_event.hpp"
#include "operator/controller/probe_endpoints.hpp"
#include "operator/controller/served_api_versions.hpp"

namespace peregrine::controller {
namespace {

EnvironmentLookup env_of(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    const auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ControllerOptions, Defaults) {
  const auto parsed = parse_controller_options({}, env_of({}));
  ASSERT_TRUE(parsed.error.empty());
  EXPECT_TRUE(parsed.options.watch_namespaces.empty());
  EXPECT_FALSE(parsed.options.leader_elect);
  EXPECT_EQ(parsed.options.health_probe_bind_address, ":8081");
  EXPECT_EQ(parsed.options.metrics_bind_address, ":8383");
  EXPECT_GT(parsed.options.workers, 1);
}

TEST(ControllerOptions, FlagsAndEnvironment) {
  const auto parsed = parse_controller_options(
      {"--leader-elect", "--kubeconfig", "/k", "--workers=3", "--kube-api-qps=50", "--kube-api-burst", "80",
       "--health-probe-bind-address=127.0.0.1:0", "--metrics-bind-address=0", "--ports-file=/tmp/p"},
      env_of({{"WATCH_NAMESPACE", " a, b ,,a"}, {"POD_NAMESPACE", "operators"}}));
  ASSERT_TRUE(parsed.error.empty()) << parsed.error;
  const ControllerOptions& o = parsed.options;
  EXPECT_EQ(o.watch_namespaces, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(o.leader_elect);
  EXPECT_EQ(o.lease_namespace, "operators");
  EXPECT_EQ(o.kubeconfig, "/k");
  EXPECT_EQ(o.workers, 3);
  EXPECT_EQ(o.kube_api_qps, 50);
  EXPECT_EQ(o.kube_api_burst, 80);
  EXPECT_EQ(o.health_probe_bind_address, "127.0.0.1:0");
  EXPECT_EQ(o.metrics_bind_address, "0");
  EXPECT_EQ(o.ports_file, "/tmp/p");
}

TEST(ControllerOptions, FlagsOverrideEnvironment) {
  const auto parsed = parse_controller_options({"--lease-namespace=x", "--watch-namespace=c", "--leader-elect=false"},
                                               env_of({{"WATCH_NAMESPACE", "a"}, {"POD_NAMESPACE", "p"}}));
  EXPECT_EQ(parsed.options.lease_namespace, "x");
  EXPECT_EQ(parsed.options.watch_namespaces, (std::vector<std::string>{"c"}));
  EXPECT_FALSE(parsed.options.leader_elect);
}

TEST(ControllerOptions, Errors) {
  EXPECT_NE(parse_controller_options({"--nope"}, env_of({})).error, "");
  EXPECT_NE(parse_controller_options({"--workers=0"}, env_of({})).error, "");
  EXPECT_NE(parse_controller_options({"--workers=x"}, env_of({})).error, "");
  EXPECT_NE(parse_controller_options({"--kubeconfig"}, env_of({})).error, "");
  EXPECT_NE(parse_controller_options({"stray"}, env_of({})).error, "");
  EXPECT_TRUE(parse_controller_options({"--help"}, env_of({})).help);
}

TEST(ServedApiVersions, PrefersCurrentVersionsAndFallsBackToBeta) {
  auto serving = [](std::map<std::string, std::string> resources) {
    return [resources](const std::string& path) -> std::optional<nlohmann::json> {
      const auto it = resources.find(path);
      if (it == resources.end()) return std::nullopt;
      return nlohmann::json{{"resources", {{{"name", it->second}}}}};
    };
  };
  const auto current = choose_api_versions(
      serving({{"/apis/autoscaling/v2", "horizontalpodautoscalers"}, {"/apis/batch/v1", "cronjobs"}}));
  EXPECT_EQ(current.autoscaling, "autoscaling/v2");
  EXPECT_EQ(current.cronjob, "batch/v1");
  const auto old = choose_api_versions(serving({{"/apis/autoscaling/v2beta2", "horizontalpodautoscalers"},
                                                {"/apis/batch/v1", "jobs"},
                                                {"/apis/batch/v1beta1", "cronjobs"}}));
  EXPECT_EQ(old.autoscaling, "autoscaling/v2beta2");
  EXPECT_EQ(old.cronjob, "batch/v1beta1");
  const auto unknown = choose_api_versions(serving({}));
  EXPECT_EQ(unknown.autoscaling, "autoscaling/v2");
}

TEST(KubeEvent, DocumentPointsAtTheJaeger) {
  const Json jaeger = {{"apiVersion", "jaegertracing.io/v1"},
                       {"kind", "Jaeger"},
                       {"metadata", {{"name", "j"}, {"namespace", "ns"}, {"uid", "u"}, {"resourceVersion", "7"}}}};
  const Json event = build_event(jaeger, {kEventWarning, "InvalidSpec", "bad"},
                                 std::chrono::system_clock::time_point{std::chrono::seconds(1700000000)}, "abc", "me");
  EXPECT_EQ(event["metadata"]["name"], "j.abc");
  EXPECT_EQ(event["metadata"]["namespace"], "ns");
  EXPECT_EQ(event["involvedObject"]["kind"], "Jaeger");
  EXPECT_EQ(event["involvedObject"]["uid"], "u");
  EXPECT_EQ(event["type"], "Warning");
  EXPECT_EQ(event["reason"], "InvalidSpec");
  EXPECT_EQ(event["source"]["component"], "peregrine-operator");
  EXPECT_EQ(event["firstTimestamp"], "2023-11-14T22:13:20Z");
  EXPECT_EQ(event["count"], 1);
}

common::HttpRequest get(const std::string& path) {
  common::HttpRequest request;
  request.method = "GET";
  request.path = path;
  request.target = path;
  return request;
}

TEST(ProbeEndpoints, HealthReadinessAndMetrics) {
  EXPECT_EQ(handle_probe(get("/healthz"), "caches not synced").status, 200);
  EXPECT_EQ(handle_probe(get("/readyz"), "caches not synced").status, 503);
  EXPECT_EQ(handle_probe(get("/readyz"), "").status, 200);
  EXPECT_EQ(handle_probe(get("/readyz"), "").body, "ok");
  EXPECT_EQ(handle_probe(get("/other"), "").status, 404);
  const auto metrics = handle_metrics(get("/metrics"), [] { return std::string("x 1\n"); });
  EXPECT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.body, "x 1\n");
  EXPECT_NE(metrics.content_type.find("version=0.0.4"), std::string::npos);
}

TEST(ControllerMetrics, ReconcileAndWriteCounters) {
  common::MetricsRegistry registry;
  ControllerMetrics metrics(registry, "jaeger", 4);
  metrics.observe_reconcile(kube::ProcessResult::done(), std::chrono::milliseconds(3), false);
  metrics.observe_reconcile(kube::ProcessResult::retry(), std::chrono::milliseconds(3), true);
  kube::RequestRecord write{"create", {"apps", "v1", "deployments", true}, "", 201, {}};
  metrics.observe_request(write);
  kube::WorkQueueStats queue;
  queue.depth = 5;
  queue.adds = 9;
  metrics.refresh(queue, {});
  const std::string text = registry.render();
  EXPECT_NE(text.find("controller_runtime_reconcile_total{controller=\"jaeger\",result=\"success\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("controller_runtime_reconcile_errors_total{controller=\"jaeger\"} 1"), std::string::npos);
  EXPECT_NE(text.find("workqueue_depth{name=\"jaeger\"} 5"), std::string::npos);
  EXPECT_NE(text.find("workqueue_adds_total{name=\"jaeger\"} 9"), std::string::npos);
  EXPECT_NE(text.find("controller_runtime_reconcile_time_seconds_count{controller=\"jaeger\"} 2"), std::string::npos);
  EXPECT_NE(text.find("rest_client_requests_total{code=\"201\",method=\"POST\"} 1"), std::string::npos);
  EXPECT_NE(text.find("peregrine_operator_api_writes_total{resource=\"deployments.apps\",verb=\"create\"} 1"),
            std::string::npos);
  EXPECT_EQ(http_method_for_verb("delete"), "DELETE");
}

}  // namespace
}  // namespace peregrine::controller
