// Unit tests of reconcile planning on rendered CRs and server-shaped observed state.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "operator/api/yaml_json.hpp"
#include "operator/controller/reconcile_plan.hpp"
#include "tests/controller/server_simulation.hpp"

namespace peregrine::controller {
namespace {

using testing::jaeger_cr;
using testing::render_or_fail;
using testing::stored_state;

const std::vector<OwnedKind>& kinds() {
  static const auto value = owned_kinds(operator_render::RenderContext{});
  return value;
}

Json production_spec() {
  return {{"strategy", "production"},
          {"storage", {{"type", "elasticsearch"}, {"options", {{"es", {{"server-urls", "http://es:9200"}}}}}}}};
}

std::vector<std::string> describe(const ReconcilePlan& plan) {
  std::vector<std::string> out;
  for (const auto& action : plan.actions) {
    const char* verb = action.type == ActionType::Create ? "create" : action.type == ActionType::Update ? "update" : "delete";
    out.push_back(std::string(verb) + " " + action.id.kind + " " + action.id.name);
  }
  return out;
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

TEST(ReconcilePlan, FirstReconcileCreatesEveryObjectInRenderOrder) {
  const auto desired = render_or_fail(jaeger_cr("simplest", Json::object()));
  const ReconcilePlan plan = plan_reconcile(desired, {}, kinds());
  ASSERT_TRUE(plan.errors.empty());
  ASSERT_EQ(plan.actions.size(), desired.size());
  for (size_t i = 0; i < desired.size(); ++i) {
    EXPECT_EQ(plan.actions[i].type, ActionType::Create);
    EXPECT_EQ(plan.actions[i].object, desired[i]);
  }
  EXPECT_EQ(plan.actions.front().id.kind, "ServiceAccount");
}

TEST(ReconcilePlan, SteadyStateAfterServerDefaultingPlansNothing) {
  for (const Json& spec : {Json::object(), production_spec(),
                           Json{{"strategy", "streaming"},
                                {"collector", {{"options", {{"kafka", {{"producer", {{"brokers", "k:9092"}}}}}}}}},
                                {"ingester", {{"options", {{"kafka", {{"consumer", {{"brokers", "k:9092"}}}}}}}}},
                                {"storage", production_spec()["storage"]},
                                {"agent", {{"strategy", "DaemonSet"}}}}}) {
    const auto desired = render_or_fail(jaeger_cr("j", spec));
    const ReconcilePlan plan = plan_reconcile(desired, stored_state(desired), kinds());
    EXPECT_TRUE(plan.empty()) << spec.dump() << " → " << (plan.empty() ? "" : plan.actions[0].reason);
  }
}

TEST(ReconcilePlan, EveryReferenceExampleIsSteadyAfterServerDefaulting) {
  const std::filesystem::path dir = PEREGRINE_OPERATOR_EXAMPLES_DIR;
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const auto documents = operator_api::parse_yaml_documents(text.str());
    for (Json document : documents.documents) {
      if (document.value("kind", "") != "Jaeger") continue;
      document["metadata"]["namespace"] = "ns";
      document["metadata"]["uid"] = "uid-1";
      const auto outcome = operator_render::render_cr(document, operator_render::RenderContext{});
      if (!outcome.ok()) continue;  // examples the renderer rejects are covered by the renderer's tests
      const ReconcilePlan plan = plan_reconcile(outcome.objects, stored_state(outcome.objects), kinds());
      EXPECT_TRUE(plan.errors.empty()) << entry.path();
      EXPECT_TRUE(plan.empty()) << entry.path() << ": " << (plan.empty() ? "" : to_string(plan.actions[0].id) + " " + plan.actions[0].reason);
      ++checked;
    }
  }
  EXPECT_GT(checked, 10);
}

TEST(ReconcilePlan, SwitchingAllInOneToProductionSwapsTheDeployments) {
  const auto all_in_one = render_or_fail(jaeger_cr("j", Json::object()));
  const auto production = render_or_fail(jaeger_cr("j", production_spec()));
  const auto plan = describe(plan_reconcile(production, stored_state(all_in_one), kinds()));
  EXPECT_TRUE(contains(plan, "delete Deployment j"));
  EXPECT_TRUE(contains(plan, "delete Service j-agent"));
  EXPECT_TRUE(contains(plan, "create Deployment j-collector"));
  EXPECT_TRUE(contains(plan, "create Deployment j-query"));
  EXPECT_TRUE(contains(plan, "create HorizontalPodAutoscaler j-collector"));
  EXPECT_FALSE(contains(plan, "delete ServiceAccount j"));
  // Deletes come last, after the production objects are in place.
  EXPECT_TRUE(plan.back().rfind("delete", 0) == 0);
}

TEST(ReconcilePlan, FixedCollectorReplicasRemoveTheAutoscaler) {
  const auto autoscaled = render_or_fail(jaeger_cr("j", production_spec()));
  Json fixed_spec = production_spec();
  fixed_spec["collector"] = {{"replicas", 3}};
  const auto fixed = render_or_fail(jaeger_cr("j", fixed_spec));
  const ReconcilePlan plan = plan_reconcile(fixed, stored_state(autoscaled), kinds());
  const auto actions = describe(plan);
  EXPECT_TRUE(contains(actions, "delete HorizontalPodAutoscaler j-collector"));
  EXPECT_TRUE(contains(actions, "update Deployment j-collector"));
  for (const auto& action : plan.actions) {
    if (action.type == ActionType::Update) {
      EXPECT_EQ(action.object["spec"]["replicas"], 3);
    }
  }
}

TEST(ReconcilePlan, ReplicasOwnedByTheAutoscalerAreLeftAlone) {
  const auto desired = render_or_fail(jaeger_cr("j", production_spec()));
  auto observed = stored_state(desired);
  observed.at(ObjectId{"Deployment", "ns", "j-collector"})["spec"]["replicas"] = 9;  // scaled by the HPA
  EXPECT_TRUE(plan_reconcile(desired, observed, kinds()).empty());
}

TEST(ReconcilePlan, DriftIsRepairedAndMissingObjectsRecreated) {
  const auto desired = render_or_fail(jaeger_cr("j", Json::object()));
  auto observed = stored_state(desired);
  observed.at(ObjectId{"Deployment", "ns", "j"})["spec"]["template"]["spec"]["containers"][0]["image"] = "evil:1";
  observed.erase(ObjectId{"Service", "ns", "j-query"});
  const ReconcilePlan plan = plan_reconcile(desired, observed, kinds());
  const auto actions = describe(plan);
  EXPECT_EQ(actions, (std::vector<std::string>{"create Service j-query", "update Deployment j"}));
  EXPECT_EQ(plan.actions[1].reason, "/spec/template/spec/containers/0/image");
  EXPECT_EQ(plan.actions[1].object["metadata"]["resourceVersion"],
            observed.at(ObjectId{"Deployment", "ns", "j"})["metadata"]["resourceVersion"]);
}

TEST(ReconcilePlan, ObjectsBeingDeletedAreNeitherUpdatedNorDeletedAgain) {
  const auto desired = render_or_fail(jaeger_cr("j", Json::object()));
  auto observed = stored_state(desired);
  auto& deployment = observed.at(ObjectId{"Deployment", "ns", "j"});
  deployment["metadata"]["deletionTimestamp"] = "2024-01-01T00:00:00Z";
  deployment["spec"]["replicas"] = 4;
  Json leftover = deployment;
  leftover["metadata"]["name"] = "j-old";
  observed[ObjectId{"Deployment", "ns", "j-old"}] = leftover;
  EXPECT_TRUE(plan_reconcile(desired, observed, kinds()).empty());
}

TEST(ReconcilePlan, ChangedJobsAreRecreated) {
  Json job = {{"apiVersion", "batch/v1"},
              {"kind", "Job"},
              {"metadata", {{"name", "j-schema"}, {"namespace", "ns"}}},
              {"spec", {{"template", {{"spec", {{"restartPolicy", "Never"}, {"containers", {{{"name", "s"}, {"image", "a:1"}}}}}}}}}}};
  auto observed = stored_state({job});
  job["spec"]["template"]["spec"]["containers"][0]["image"] = "a:2";
  const auto actions = describe(plan_reconcile({job}, observed, kinds()));
  EXPECT_EQ(actions, (std::vector<std::string>{"delete Job j-schema", "create Job j-schema"}));
}

TEST(ReconcilePlan, UnknownKindsAreErrors) {
  const Json route = {{"apiVersion", "route.openshift.io/v1"}, {"kind", "Route"}, {"metadata", {{"name", "r"}}}};
  const ReconcilePlan plan = plan_reconcile({route}, {}, kinds());
  ASSERT_EQ(plan.errors.size(), 1u);
  EXPECT_TRUE(plan.actions.empty());
}

}  // namespace
}  // namespace peregrine::controller
