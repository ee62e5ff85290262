// Reconcile mode against the API test double (a separate peregrine-kube-double process): with the webhook
// disabled, the operator watches workloads, Jaeger instances and Namespaces and patches annotated workloads to
// the same result the webhook would give — injection, removal when the annotation goes or becomes false or the
// instance is deleted, re-evaluation when instances appear, Events explaining what happened — and makes no
// writes at steady state after a restart.
#include <gtest/gtest.h>

#include "operator/webhook/webhook_runtime.hpp"
#include "tests/webhook/cluster_test_support.hpp"

namespace peregrine::webhook_test {
namespace {

using operator_webhook::kInjectAnnotation;
using operator_webhook::WebhookRuntime;

class ReconcileModeTest : public WebhookClusterTest {
 protected:
  void start_operator(std::vector<std::string> watch_namespaces = {}) {
    auto runtime_options = options(false);
    runtime_options.watch_namespaces = std::move(watch_namespaces);
    runtime_ = std::make_unique<WebhookRuntime>(client_, runtime_options);
    runtime_->start();
    runtime_->start_reconciler();
    ASSERT_TRUE(eventually([&] { return runtime_->reconciler_running(); })) << "the reconciler never synced";
    EXPECT_EQ(runtime_->webhook_port(), 0);
  }

  void TearDown() override {
    if (runtime_) runtime_->stop();
  }

  static WorkloadSpec annotated(const std::string& name, const std::string& value, const std::string& kind = "Deployment") {
    WorkloadSpec spec;
    spec.kind = kind;
    spec.name = name;
    spec.ns = "apps";
    spec.annotations = {{kInjectAnnotation, value}};
    spec.template_labels = {{"app", name}};
    spec.containers = Json::array({app_container(name)});
    return spec;
  }

  std::unique_ptr<WebhookRuntime> runtime_;
};

TEST_F(ReconcileModeTest, InjectsAnnotatedDeploymentAndRemovesItWhenTheAnnotationGoes) {
  create_jaeger("simplest", "observability");
  start_operator();
  create_workload(annotated("shop", "true"));
  ASSERT_TRUE(eventually([&] { return workload_has_agent("Deployment", "apps", "shop"); }));
  const Json injected = get_workload("Deployment", "apps", "shop");
  EXPECT_EQ(injected_label(injected), "simplest");
  const Json& agent = injected["spec"]["template"]["spec"]["containers"][1];
  EXPECT_NE(agent["args"].dump().find("simplest-collector-headless.observability.svc:14250"), std::string::npos);
  EXPECT_TRUE(eventually([&] { return !events("apps", "shop", "SidecarInjected").empty(); }));

  client_->patch(kube::resources::kDeployments, "apps", "shop", kube::PatchType::Merge,
                 {{"metadata", {{"annotations", {{kInjectAnnotation, nullptr}}}}}});
  ASSERT_TRUE(eventually([&] { return !workload_has_agent("Deployment", "apps", "shop"); }));
  EXPECT_EQ(injected_label(get_workload("Deployment", "apps", "shop")), "");
  EXPECT_TRUE(eventually([&] { return !events("apps", "shop", "SidecarRemoved").empty(); }));
}

TEST_F(ReconcileModeTest, AnnotationFalseRemovesTheSidecar) {
  create_jaeger("simplest", "observability");
  start_operator();
  create_workload(annotated("shop", "simplest"));
  ASSERT_TRUE(eventually([&] { return workload_has_agent("Deployment", "apps", "shop"); }));
  client_->patch(kube::resources::kDeployments, "apps", "shop", kube::PatchType::Merge,
                 {{"metadata", {{"annotations", {{kInjectAnnotation, "false"}}}}}});
  EXPECT_TRUE(eventually([&] { return !workload_has_agent("Deployment", "apps", "shop"); }));
}

TEST_F(ReconcileModeTest, InstancesAppearingAndDisappearingAreFollowed) {
  start_operator();
  create_workload(annotated("shop", "true"));
  ASSERT_TRUE(eventually([&] { return !events("apps", "shop", "NoJaegerInstance").empty(); }));
  EXPECT_EQ(events("apps", "shop", "NoJaegerInstance")[0]["type"], "Warning");
  EXPECT_FALSE(workload_has_agent("Deployment", "apps", "shop"));

  create_jaeger("simplest", "observability");
  ASSERT_TRUE(eventually([&] { return workload_has_agent("Deployment", "apps", "shop"); }));

  delete_jaeger("simplest", "observability");
  EXPECT_TRUE(eventually([&] { return !workload_has_agent("Deployment", "apps", "shop"); }));
  EXPECT_EQ(injected_label(get_workload("Deployment", "apps", "shop")), "");
}

TEST_F(ReconcileModeTest, NamespaceAnnotationCoversDeploymentsStatefulSetsAndDaemonSets) {
  create_jaeger("simplest", "observability");
  start_operator();
  for (const std::string kind : {"Deployment", "StatefulSet", "DaemonSet"}) {
    WorkloadSpec spec;
    spec.kind = kind;
    spec.name = "plain";
    spec.ns = "apps";
    create_workload(spec);
  }
  annotate_namespace("apps", "true");
  for (const std::string kind : {"Deployment", "StatefulSet", "DaemonSet"}) {
    EXPECT_TRUE(eventually([&] { return workload_has_agent(kind, "apps", "plain"); })) << kind;
  }
  const Json stateful = get_workload("StatefulSet", "apps", "plain");
  EXPECT_NE(stateful["spec"]["template"]["spec"]["containers"][1]["args"].dump().find("statefulset.name=plain"),
            std::string::npos);

  annotate_namespace("apps", nullptr);
  for (const std::string kind : {"Deployment", "StatefulSet", "DaemonSet"}) {
    EXPECT_TRUE(eventually([&] { return !workload_has_agent(kind, "apps", "plain"); })) << kind;
  }
}

TEST_F(ReconcileModeTest, NamespaceScopedOperatorReadsItsNamespacesAndIgnoresOthers) {
  create_namespace("elsewhere");
  create_jaeger("simplest", "observability");
  create_jaeger("foreign", "elsewhere");
  start_operator({"apps", "observability"});
  WorkloadSpec outside = annotated("outside", "true");
  outside.ns = "elsewhere";
  const Json outside_created = create_workload(outside);
  WorkloadSpec plain;
  plain.name = "plain";
  plain.ns = "apps";
  create_workload(plain);
  annotate_namespace("apps", "true");
  ASSERT_TRUE(eventually([&] { return workload_has_agent("Deployment", "apps", "plain"); }));
  // Only the watched instance counts: "true" picked the only one in the watched namespaces.
  EXPECT_EQ(injected_label(get_workload("Deployment", "apps", "plain")), "simplest");
  EXPECT_EQ(get_workload("Deployment", "elsewhere", "outside")["metadata"]["resourceVersion"],
            outside_created["metadata"]["resourceVersion"]);
}

TEST_F(ReconcileModeTest, HandWrittenAgentsAndJaegersOwnWorkloadsAreLeftAlone) {
  create_jaeger("simplest", "observability");
  start_operator();
  WorkloadSpec own = annotated("own-agent", "true");
  own.containers.push_back({{"name", "jaeger-agent"}, {"image", "example/agent:1"}});
  const Json own_created = create_workload(own);
  WorkloadSpec jaeger_part = annotated("jaeger-part", "true");
  jaeger_part.labels = {{"app.kubernetes.io/part-of", "jaeger"}};
  const Json jaeger_created = create_workload(jaeger_part);
  // A third workload proves the reconciler got past the first two.
  create_workload(annotated("witness", "true"));
  ASSERT_TRUE(eventually([&] { return workload_has_agent("Deployment", "apps", "witness"); }));
  ASSERT_TRUE(eventually([&] { return runtime_->reconciler_stats().evaluations >= 3; }));
  EXPECT_EQ(get_workload("Deployment", "apps", "own-agent")["metadata"]["resourceVersion"],
            own_created["metadata"]["resourceVersion"]);
  EXPECT_EQ(get_workload("Deployment", "apps", "jaeger-part")["metadata"]["resourceVersion"],
            jaeger_created["metadata"]["resourceVersion"]);
}

TEST_F(ReconcileModeTest, RestartedOperatorMakesNoWritesAtSteadyState) {
  create_jaeger("simplest", "observability");
  start_operator();
  create_workload(annotated("shop", "true"));
  create_workload(annotated("cart", "simplest", "StatefulSet"));
  ASSERT_TRUE(eventually([&] { return workload_has_agent("Deployment", "apps", "shop"); }));
  ASSERT_TRUE(eventually([&] { return workload_has_agent("StatefulSet", "apps", "cart"); }));
  runtime_->stop();
  runtime_.reset();

  start_operator();
  ASSERT_TRUE(eventually([&] { return runtime_->reconciler_stats().evaluations >= 2; }));
  EXPECT_EQ(runtime_->reconciler_stats().patches, 0u);
}

}  // namespace
}  // namespace peregrine::webhook_test
