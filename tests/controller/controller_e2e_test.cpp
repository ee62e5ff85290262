// End-to-end tests of the controller against the in-memory API double, driven with the real kubectl:
// create/switch/scale/delete life cycle, invalid CRs, drift repair, zero writes after a restart, relist after
// 410 Gone, and leader election.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "operator/controller/owned_kinds.hpp"
#include "operator/kube/well_known_resources.hpp"
#include "tests/controller/test_cluster.hpp"

namespace peregrine::controller {
namespace {

namespace r = kube::resources;
using testing::eventually;
using testing::TestCluster;

std::string example(const std::string& name) {
  std::ifstream in(std::string(PEREGRINE_OPERATOR_EXAMPLES_DIR) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string jaeger_yaml(const std::string& name, const std::string& spec) {
  return "apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata:\n  name: " + name + "\nspec:\n" + spec;
}

const std::string kProductionSpec =
    "  strategy: production\n"
    "  storage:\n"
    "    type: elasticsearch\n"
    "    options:\n"
    "      es:\n"
    "        server-urls: http://elasticsearch:9200\n";

bool exists(const TestCluster& cluster, const kube::GroupVersionResource& gvr, const std::string& name) {
  return cluster.get(gvr, "default", name).has_value();
}

bool has_event(const TestCluster& cluster, const std::string& jaeger, const std::string& reason,
               const std::string& message_part = "") {
  for (const auto& event : cluster.events("default")) {
    if (event["involvedObject"].value("name", "") == jaeger && event.value("reason", "") == reason &&
        event.value("message", "").find(message_part) != std::string::npos) {
      return true;
    }
  }
  return false;
}

TEST(ControllerE2E, KubectlLifecycleAllInOneProductionScaleDelete) {
  TestCluster cluster;
  auto op = cluster.start_operator();

  // simplest.yaml → all-in-one objects and status Running.
  auto applied = cluster.kubectl_apply(example("simplest.yaml"));
  ASSERT_EQ(applied.exit_code, 0) << applied.output;
  ASSERT_TRUE(eventually([&] { return cluster.jaeger_phase("default", "simplest") == "Running"; }));
  for (const auto& [gvr, name] : std::vector<std::pair<kube::GroupVersionResource, std::string>>{
           {r::kServiceAccounts, "simplest"},
           {r::kConfigMaps, "simplest-sampling-configuration"},
           {r::kServices, "simplest-collector"},
           {r::kServices, "simplest-collector-headless"},
           {r::kServices, "simplest-query"},
           {r::kServices, "simplest-agent"},
           {r::kDeployments, "simplest"},
           {r::kIngresses, "simplest-query"}}) {
    EXPECT_TRUE(exists(cluster, gvr, name)) << gvr.resource << " " << name;
  }
  const auto cr = cluster.jaeger("default", "simplest");
  EXPECT_EQ((*cr)["status"]["version"], "9.9.9");
  EXPECT_EQ((*cr)["status"]["conditions"][0]["type"], "Reconciled");
  EXPECT_EQ((*cr)["status"]["conditions"][0]["status"], "True");
  const auto deployment = cluster.get(r::kDeployments, "default", "simplest");
  EXPECT_EQ((*deployment)["metadata"]["ownerReferences"][0]["uid"], (*cr)["metadata"]["uid"]);
  EXPECT_TRUE(eventually([&] { return has_event(cluster, "simplest", "Created", "Deployment simplest"); }));
  const auto listed = cluster.kubectl({"get", "jaegers"});
  EXPECT_NE(listed.output.find("simplest"), std::string::npos) << listed.output;
  EXPECT_NE(listed.output.find("Running"), std::string::npos) << listed.output;

  // Switch to production: the all-in-one Deployment and agent Service go, collector + query come.
  applied = cluster.kubectl_apply(jaeger_yaml("simplest", kProductionSpec));
  ASSERT_EQ(applied.exit_code, 0) << applied.output;
  ASSERT_TRUE(eventually([&] {
    return !exists(cluster, r::kDeployments, "simplest") && exists(cluster, r::kDeployments, "simplest-collector") &&
           exists(cluster, r::kDeployments, "simplest-query") &&
           exists(cluster, r::kHorizontalPodAutoscalers, "simplest-collector");
  }));
  EXPECT_TRUE(eventually([&] { return !exists(cluster, r::kServices, "simplest-agent"); }));
  EXPECT_TRUE(eventually([&] { return has_event(cluster, "simplest", "Deleted", "Deployment simplest"); }));
  EXPECT_TRUE(exists(cluster, r::kCronJobs, "simplest-es-index-cleaner"));

  // A replica count the HPA chose is kept while the HPA is desired.
  auto collector = *cluster.get(r::kDeployments, "default", "simplest-collector");
  collector["spec"]["replicas"] = 5;
  cluster.client().update(r::kDeployments, "default", collector);
  ASSERT_TRUE(testing::wait_until_settled(cluster, *op));
  EXPECT_EQ((*cluster.get(r::kDeployments, "default", "simplest-collector"))["spec"]["replicas"], 5);

  // collector.replicas set → the HPA goes and the Deployment gets the fixed count.
  applied = cluster.kubectl_apply(jaeger_yaml("simplest", kProductionSpec + "  collector:\n    replicas: 2\n"));
  ASSERT_EQ(applied.exit_code, 0) << applied.output;
  ASSERT_TRUE(eventually([&] {
    const auto d = cluster.get(r::kDeployments, "default", "simplest-collector");
    return !exists(cluster, r::kHorizontalPodAutoscalers, "simplest-collector") && d &&
           (*d)["spec"].value("replicas", 0) == 2;
  }));

  // Delete the CR → every child goes.
  const auto deleted = cluster.kubectl({"delete", "jaeger", "simplest"});
  ASSERT_EQ(deleted.exit_code, 0) << deleted.output;
  EXPECT_TRUE(eventually([&] { return cluster.instance_objects("default", "simplest").empty(); }));
}

TEST(ControllerE2E, InvalidCrFailsWithoutObjectsWhileAValidOneReconciles) {
  TestCluster cluster;
  auto op = cluster.start_operator();
  const auto applied = cluster.kubectl_apply(jaeger_yaml("broken", "  storage:\n    type: nosuchdb\n") + "---\n" +
                                             jaeger_yaml("good", "  strategy: allInOne\n"));
  ASSERT_EQ(applied.exit_code, 0) << applied.output;
  ASSERT_TRUE(eventually([&] {
    return cluster.jaeger_phase("default", "broken") == "Failed" && cluster.jaeger_phase("default", "good") == "Running";
  }));
  const auto broken = cluster.jaeger("default", "broken");
  EXPECT_NE((*broken)["status"].value("message", "").find("nosuchdb"), std::string::npos) << broken->dump();
  EXPECT_EQ((*broken)["status"]["conditions"][0]["reason"], "InvalidSpec");
  EXPECT_TRUE(eventually([&] { return has_event(cluster, "broken", "InvalidSpec"); }));
  EXPECT_TRUE(exists(cluster, r::kDeployments, "good"));
  ASSERT_TRUE(testing::wait_until_settled(cluster, *op));
  EXPECT_TRUE(cluster.instance_objects("default", "broken").empty());

  // Fixing the spec recovers it.
  ASSERT_EQ(cluster.kubectl_apply(jaeger_yaml("broken", "  storage:\n    type: memory\n")).exit_code, 0);
  EXPECT_TRUE(eventually([&] {
    return cluster.jaeger_phase("default", "broken") == "Running" && exists(cluster, r::kDeployments, "broken");
  }));
}

TEST(ControllerE2E, DeletedOrModifiedChildrenAreRepaired) {
  TestCluster cluster;
  auto op = cluster.start_operator();
  ASSERT_EQ(cluster.kubectl_apply(example("simplest.yaml")).exit_code, 0);
  ASSERT_TRUE(eventually([&] { return exists(cluster, r::kServices, "simplest-query"); }));
  const std::string old_uid = (*cluster.get(r::kServices, "default", "simplest-query"))["metadata"]["uid"];

  const auto deleted = cluster.kubectl({"delete", "service", "simplest-query"});
  ASSERT_EQ(deleted.exit_code, 0) << deleted.output;
  EXPECT_TRUE(eventually([&] {
    const auto service = cluster.get(r::kServices, "default", "simplest-query");
    return service && (*service)["metadata"]["uid"] != old_uid;
  }));

  ASSERT_TRUE(eventually([&] { return exists(cluster, r::kDeployments, "simplest"); }));
  const auto patched = cluster.kubectl({"patch", "deployment", "simplest", "--type=json", "-p",
                                        R"([{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"evil/image:1"}])"});
  ASSERT_EQ(patched.exit_code, 0) << patched.output;
  EXPECT_TRUE(eventually([&] {
    const auto d = cluster.get(r::kDeployments, "default", "simplest");
    return d && (*d)["spec"]["template"]["spec"]["containers"][0].value("image", "") != "evil/image:1";
  }));
  EXPECT_TRUE(eventually([&] { return has_event(cluster, "simplest", "Updated", "Deployment simplest"); }));

  // A label someone else adds is not fought over: no write follows.
  ASSERT_TRUE(testing::wait_until_settled(cluster, *op));
  const uint64_t before = cluster.writes();
  ASSERT_EQ(cluster.kubectl({"label", "service", "simplest-collector", "team=observability"}).exit_code, 0);
  ASSERT_TRUE(testing::wait_until_settled(cluster, *op));
  EXPECT_EQ(cluster.writes(), before + 1);  // kubectl's own write only
}

TEST(ControllerE2E, OperatorRestartMakesZeroWrites) {
  TestCluster cluster;
  auto op = cluster.start_operator();
  ASSERT_EQ(cluster.kubectl_apply(example("simplest.yaml")).exit_code, 0);
  ASSERT_EQ(cluster.kubectl_apply(jaeger_yaml("prod", kProductionSpec)).exit_code, 0);
  ASSERT_EQ(cluster.kubectl_apply(example("agent-as-daemonset.yaml")).exit_code, 0);
  ASSERT_TRUE(eventually([&] {
    return cluster.jaeger_phase("default", "simplest") == "Running" && cluster.jaeger_phase("default", "prod") == "Running" &&
           cluster.jaeger_phase("default", "agent-as-daemonset") == "Running";
  }));
  ASSERT_TRUE(testing::wait_until_settled(cluster, *op));
  const uint64_t steady = cluster.writes();
  op->stop();
  op.reset();
  EXPECT_EQ(cluster.writes(), steady);

  auto restarted = cluster.start_operator();
  ASSERT_TRUE(eventually([&] { return restarted->reconciles() >= 3; }));
  ASSERT_TRUE(testing::wait_until_settled(cluster, *restarted));
  EXPECT_EQ(cluster.writes(), steady) << cluster.api().stats().to_json().dump(2);
}

TEST(ControllerE2E, Forced410RelistsAndConverges) {
  TestCluster cluster;
  auto op = cluster.start_operator();
  ASSERT_EQ(cluster.kubectl_apply(example("simplest.yaml")).exit_code, 0);
  ASSERT_TRUE(eventually([&] { return cluster.jaeger_phase("default", "simplest") == "Running"; }));
  ASSERT_TRUE(testing::wait_until_settled(cluster, *op));
  const uint64_t relists_before = op->informer_stats().gone_relists;

  // Changes right before a compaction: the live watches end with 410 Gone and the informers relist.
  cluster.client().remove(r::kServices, "default", "simplest-query");
  cluster.client().create(kJaegerResource, "default",
                          {{"apiVersion", "jaegertracing.io/v1"}, {"kind", "Jaeger"}, {"metadata", {{"name", "second"}}}});
  cluster.api().store().compact();

  EXPECT_TRUE(eventually([&] { return op->informer_stats().gone_relists > relists_before; }));
  EXPECT_TRUE(eventually([&] {
    return exists(cluster, r::kServices, "simplest-query") && cluster.jaeger_phase("default", "second") == "Running" &&
           exists(cluster, r::kDeployments, "second");
  }));
  ASSERT_TRUE(testing::wait_until_settled(cluster, *op));
  EXPECT_TRUE(exists(cluster, r::kDeployments, "simplest"));
  EXPECT_EQ(cluster.instance_objects("default", "simplest").size(), cluster.instance_objects("default", "second").size());
}

TEST(ControllerE2E, LeaderElectionRunsOneReconcilerAndFailsOver) {
  TestCluster cluster;
  auto elect = [](ControllerOptions& options) {
    options.leader_elect = true;
    options.lease_namespace = "default";
  };
  auto first = cluster.start_operator(elect);
  ASSERT_TRUE(eventually([&] { return first->is_leader(); }));
  auto second = cluster.start_operator(elect);  // ready while standing by
  EXPECT_FALSE(second->is_leader());
  const auto lease = cluster.get(r::kLeases, "default", "peregrine-operator-lock");
  ASSERT_TRUE(lease.has_value());
  EXPECT_EQ((*lease)["spec"]["holderIdentity"], first->identity());

  ASSERT_EQ(cluster.kubectl_apply(example("simplest.yaml")).exit_code, 0);
  ASSERT_TRUE(eventually([&] { return cluster.jaeger_phase("default", "simplest") == "Running"; }));
  EXPECT_TRUE(eventually([&] { return first->reconciles() > 0; }));  // counted once the reconcile returns
  EXPECT_EQ(second->reconciles(), 0u);

  first->stop();  // releases the lease
  ASSERT_TRUE(eventually([&] { return second->is_leader(); }));
  ASSERT_EQ(cluster.kubectl_apply(jaeger_yaml("after-failover", "  strategy: allInOne\n")).exit_code, 0);
  EXPECT_TRUE(eventually([&] { return cluster.jaeger_phase("default", "after-failover") == "Running"; }));
}

TEST(ControllerE2E, RefusedWritesReportFailureAndRecover) {
  TestCluster cluster;
  auto op = cluster.start_operator();
  kubedouble::FaultRule rule;
  rule.method = "POST";
  rule.path_prefix = "/apis/apps/v1/namespaces/default/deployments";
  rule.code = 403;
  rule.count = 2;
  cluster.api().faults().add(rule);
  ASSERT_EQ(cluster.kubectl_apply(example("simplest.yaml")).exit_code, 0);
  EXPECT_TRUE(eventually([&] { return has_event(cluster, "simplest", "ReconcileFailed", "create Deployment default/simplest"); }));
  // Retried with back-off until the write goes through.
  EXPECT_TRUE(eventually([&] {
    return cluster.jaeger_phase("default", "simplest") == "Running" && exists(cluster, r::kDeployments, "simplest");
  }));
  const auto cr = cluster.jaeger("default", "simplest");
  EXPECT_FALSE((*cr)["status"].contains("message"));
  EXPECT_EQ((*cr)["status"]["conditions"][0]["reason"], "ReconcileSucceeded");
}

TEST(ControllerE2E, WatchNamespaceLimitsTheOperator) {
  TestCluster cluster;
  for (const char* ns : {"team-a", "team-b"}) {
    cluster.client().create(r::kNamespaces, "", {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ns}}}});
  }
  auto op = cluster.start_operator([](ControllerOptions& options) { options.watch_namespaces = {"team-a"}; });
  ASSERT_EQ(cluster.kubectl({"apply", "-n", "team-a", "-f", std::string(PEREGRINE_OPERATOR_EXAMPLES_DIR) + "/simplest.yaml"}).exit_code, 0);
  ASSERT_EQ(cluster.kubectl({"apply", "-n", "team-b", "-f", std::string(PEREGRINE_OPERATOR_EXAMPLES_DIR) + "/simplest.yaml"}).exit_code, 0);
  ASSERT_TRUE(eventually([&] { return cluster.jaeger_phase("team-a", "simplest") == "Running"; }));
  EXPECT_TRUE(cluster.get(r::kDeployments, "team-a", "simplest").has_value());
  ASSERT_TRUE(testing::wait_until_settled(cluster, *op));
  EXPECT_EQ(cluster.jaeger_phase("team-b", "simplest"), "");
  EXPECT_TRUE(cluster.instance_objects("team-b", "simplest").empty());
}

}  // namespace
}  // namespace peregrine::controller
