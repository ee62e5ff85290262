// The sidecar injection scenarios end to end against the API test double (a separate peregrine-kube-double
// process), each run in both modes:
//  - Webhook: the webhook registration of manifests/install.yaml, Endpoints routing its Service to the operator's
//    webhook port; the double itself calls the webhook over TLS, verifying with the caBundle the operator
//    published, on every create and update of a workload — so the API's answer to a create/update already carries
//    (or has lost) the sidecar. The operator also runs its reconciler, as `peregrine-operator start` does on the
//    leader, for what admission cannot see (instances appearing or disappearing); its patches go through the
//    webhook too. Every test ends with the double's counters: the webhook was called and never failed. The webhook
//    has no side effects (sideEffects: None), so Events come only from the reconciler: warnings for workloads it
//    cannot inject, Normal events for the patches it makes itself.
//  - Reconcile: the webhook disabled; the operator watches workloads, Jaeger instances and Namespaces and patches
//    annotated workloads to the same result.
// Covered: injection, removal when the annotation goes or becomes false or the instance is deleted, re-evaluation
// when instances appear, Namespace annotations on Deployments/StatefulSets/DaemonSets, instance selection in
// namespace-scoped mode, hand-written agents and Jaeger's own workloads left alone, Events, and no writes at
// steady state after a restart.
#include <gtest/gtest.h>

#include "operator/webhook/webhook_runtime.hpp"
#include "tests/webhook/cluster_test_support.hpp"

namespace peregrine::webhook_test {
namespace {

using operator_webhook::kInjectAnnotation;
using operator_webhook::WebhookRuntime;

enum class Mode { Webhook, Reconcile };

std::string mode_name(const ::testing::TestParamInfo<Mode>& info) {
  return info.param == Mode::Webhook ? "Webhook" : "Reconcile";
}

class InjectionScenarioTest : public WebhookClusterTest, public ::testing::WithParamInterface<Mode> {
 protected:
  bool webhook_mode() const { return GetParam() == Mode::Webhook; }

  void SetUp() override {
    WebhookClusterTest::SetUp();
    if (webhook_mode()) install_webhook_registration();
  }

  void start_operator(std::vector<std::string> watch_namespaces = {}) {
    auto runtime_options = options(webhook_mode());
    runtime_options.watch_namespaces = std::move(watch_namespaces);
    runtime_ = std::make_unique<WebhookRuntime>(client_, runtime_options);
    runtime_->start();
    if (webhook_mode()) {
      ASSERT_NE(runtime_->webhook_port(), 0);
      ASSERT_TRUE(eventually([&] { return runtime_->not_ready_reason().empty(); })) << runtime_->not_ready_reason();
      route_webhook_service({runtime_->webhook_port()});
    } else {
      EXPECT_EQ(runtime_->webhook_port(), 0);
    }
    runtime_->start_reconciler();
    ASSERT_TRUE(eventually([&] { return runtime_->reconciler_running(); })) << "the reconciler never synced";
  }

  void TearDown() override {
    if (webhook_mode() && !HasFailure()) {
      const AdmissionCounts counts = admission_counts();
      EXPECT_GT(counts.calls, 0u) << "the double never called the webhook";
      EXPECT_EQ(counts.failures, 0u) << counts.recent_failures.dump(2) << "\n" << cluster_->log();
      EXPECT_EQ(counts.denials, 0u);
    }
    if (runtime_) runtime_->stop();
  }

  // `answer` is what the API returned for the write that should have injected: in webhook mode it already
  // carries the sidecar; in reconcile mode the sidecar arrives later.
  void expect_injected(const Json& answer, const std::string& kind, const std::string& name) {
    if (webhook_mode()) {
      EXPECT_TRUE(has_agent(answer)) << kind << " " << name << " came back without the sidecar";
    }
    EXPECT_TRUE(eventually([&] { return workload_has_agent(kind, "apps", name); })) << kind << " " << name;
  }

  void expect_removed(const Json& answer, const std::string& kind, const std::string& name) {
    if (webhook_mode()) {
      EXPECT_FALSE(has_agent(answer)) << kind << " " << name << " came back with the sidecar";
    }
    EXPECT_TRUE(eventually([&] { return !workload_has_agent(kind, "apps", name); })) << kind << " " << name;
  }

  Json merge_patch_annotation(const std::string& name, const Json& value) {
    return client_->patch(kube::resources::kDeployments, "apps", name, kube::PatchType::Merge,
                          {{"metadata", {{"annotations", {{kInjectAnnotation, value}}}}}});
  }

  std::unique_ptr<WebhookRuntime> runtime_;
};

INSTANTIATE_TEST_SUITE_P(BothModes, InjectionScenarioTest, ::testing::Values(Mode::Webhook, Mode::Reconcile), mode_name);

TEST_P(InjectionScenarioTest, InjectsAnnotatedDeploymentAndRemovesItWhenTheAnnotationGoes) {
  create_jaeger("simplest", "observability");
  start_operator();
  expect_injected(create_workload(annotated("shop", "true")), "Deployment", "shop");
  const Json injected = get_workload("Deployment", "apps", "shop");
  EXPECT_EQ(injected_label(injected), "simplest");
  const Json& agent = injected["spec"]["template"]["spec"]["containers"][1];
  EXPECT_NE(agent["args"].dump().find("simplest-collector-headless.observability.svc:14250"), std::string::npos);
  // The webhook has no side effects (sideEffects: None): only the reconciler's patches leave Events behind.
  if (!webhook_mode()) {
    EXPECT_TRUE(eventually([&] { return !events("apps", "shop", "SidecarInjected").empty(); }));
  }

  // An update that keeps the annotation keeps the sidecar (admission sees the stored, defaulted sidecar).
  Json scaled = injected;
  scaled["spec"]["replicas"] = 3;
  const Json updated = client_->update(kube::resources::kDeployments, "apps", scaled);
  EXPECT_TRUE(has_agent(updated));
  EXPECT_EQ(updated["spec"]["replicas"], 3);

  expect_removed(merge_patch_annotation("shop", nullptr), "Deployment", "shop");
  EXPECT_EQ(injected_label(get_workload("Deployment", "apps", "shop")), "");
  if (!webhook_mode()) {
    EXPECT_TRUE(eventually([&] { return !events("apps", "shop", "SidecarRemoved").empty(); }));
  }
}

TEST_P(InjectionScenarioTest, AnnotationFalseRemovesTheSidecar) {
  create_jaeger("simplest", "observability");
  start_operator();
  expect_injected(create_workload(annotated("shop", "simplest")), "Deployment", "shop");
  expect_removed(merge_patch_annotation("shop", "false"), "Deployment", "shop");
}

TEST_P(InjectionScenarioTest, AnInstanceNameSelectsThatInstance) {
  create_namespace("other");
  create_jaeger("simplest", "observability");
  create_jaeger("tracing", "other");
  start_operator();
  expect_injected(create_workload(annotated("shop", "tracing")), "Deployment", "shop");
  const Json injected = get_workload("Deployment", "apps", "shop");
  EXPECT_EQ(injected_label(injected), "tracing");
  EXPECT_NE(injected["spec"]["template"]["spec"]["containers"][1]["args"].dump().find(
                "tracing-collector-headless.other.svc:14250"),
            std::string::npos);
}

TEST_P(InjectionScenarioTest, StatefulSetsAndDaemonSetsAreInjectedToo) {
  create_jaeger("simplest", "observability");
  start_operator();
  expect_injected(create_workload(annotated("db", "simplest", "StatefulSet")), "StatefulSet", "db");
  expect_injected(create_workload(annotated("node", "true", "DaemonSet")), "DaemonSet", "node");
  EXPECT_NE(get_workload("StatefulSet", "apps", "db")["spec"]["template"]["spec"]["containers"][1]["args"].dump().find(
                "statefulset.name=db"),
            std::string::npos);
}

TEST_P(InjectionScenarioTest, InstancesAppearingAndDisappearingAreFollowed) {
  start_operator();
  const Json created = create_workload(annotated("shop", "true"));
  EXPECT_FALSE(has_agent(created));
  ASSERT_TRUE(eventually([&] { return !events("apps", "shop", "NoJaegerInstance").empty(); }));
  EXPECT_EQ(events("apps", "shop", "NoJaegerInstance")[0]["type"], "Warning");
  EXPECT_FALSE(workload_has_agent("Deployment", "apps", "shop"));

  create_jaeger("simplest", "observability");
  ASSERT_TRUE(eventually([&] { return workload_has_agent("Deployment", "apps", "shop"); }));

  delete_jaeger("simplest", "observability");
  EXPECT_TRUE(eventually([&] { return !workload_has_agent("Deployment", "apps", "shop"); }));
  EXPECT_EQ(injected_label(get_workload("Deployment", "apps", "shop")), "");
}

TEST_P(InjectionScenarioTest, NamespaceAnnotationCoversDeploymentsStatefulSetsAndDaemonSets) {
  create_jaeger("simplest", "observability");
  start_operator();
  for (const std::string kind : {"Deployment", "StatefulSet", "DaemonSet"}) {
    WorkloadSpec spec;
    spec.kind = kind;
    spec.name = "plain";
    spec.ns = "apps";
    EXPECT_FALSE(has_agent(create_workload(spec))) << kind;
  }
  annotate_namespace("apps", "true");
  for (const std::string kind : {"Deployment", "StatefulSet", "DaemonSet"}) {
    EXPECT_TRUE(eventually([&] { return workload_has_agent(kind, "apps", "plain"); })) << kind;
  }
  // A workload created in the annotated namespace is injected on creation.
  WorkloadSpec late;
  late.name = "late";
  late.ns = "apps";
  expect_injected(create_workload(late), "Deployment", "late");

  annotate_namespace("apps", nullptr);
  for (const std::string kind : {"Deployment", "StatefulSet", "DaemonSet"}) {
    EXPECT_TRUE(eventually([&] { return !workload_has_agent(kind, "apps", "plain"); })) << kind;
  }
}

TEST_P(InjectionScenarioTest, NamespaceScopedOperatorReadsItsNamespacesAndIgnoresOthers) {
  create_namespace("elsewhere");
  create_jaeger("simplest", "observability");
  create_jaeger("foreign", "elsewhere");
  start_operator({"apps", "observability"});
  WorkloadSpec outside = annotated("outside", "true");
  outside.ns = "elsewhere";
  const Json outside_created = create_workload(outside);
  EXPECT_FALSE(has_agent(outside_created));
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

TEST_P(InjectionScenarioTest, HandWrittenAgentsAndJaegersOwnWorkloadsAreLeftAlone) {
  create_jaeger("simplest", "observability");
  start_operator();
  WorkloadSpec own = annotated("own-agent", "true");
  own.containers.push_back({{"name", "jaeger-agent"}, {"image", "example/agent:1"}});
  const Json own_created = create_workload(own);
  EXPECT_EQ(own_created["spec"]["template"]["spec"]["containers"][1]["image"], "example/agent:1");
  WorkloadSpec jaeger_part = annotated("jaeger-part", "true");
  jaeger_part.labels = {{"app.kubernetes.io/part-of", "jaeger"}};
  const Json jaeger_created = create_workload(jaeger_part);
  EXPECT_FALSE(has_agent(jaeger_created));
  // A third workload proves the reconciler got past the first two.
  expect_injected(create_workload(annotated("witness", "true")), "Deployment", "witness");
  ASSERT_TRUE(eventually([&] { return runtime_->reconciler_stats().evaluations >= 3; }));
  EXPECT_EQ(get_workload("Deployment", "apps", "own-agent")["metadata"]["resourceVersion"],
            own_created["metadata"]["resourceVersion"]);
  EXPECT_EQ(get_workload("Deployment", "apps", "jaeger-part")["metadata"]["resourceVersion"],
            jaeger_created["metadata"]["resourceVersion"]);
}

TEST_P(InjectionScenarioTest, RestartedOperatorMakesNoWritesAtSteadyState) {
  create_jaeger("simplest", "observability");
  start_operator();
  expect_injected(create_workload(annotated("shop", "true")), "Deployment", "shop");
  expect_injected(create_workload(annotated("cart", "simplest", "StatefulSet")), "StatefulSet", "cart");
  runtime_->stop();
  runtime_.reset();

  start_operator();
  ASSERT_TRUE(eventually([&] { return runtime_->reconciler_stats().evaluations >= 2; }));
  EXPECT_EQ(runtime_->reconciler_stats().patches, 0u);
}

}  // namespace
}  // namespace peregrine::webhook_test
