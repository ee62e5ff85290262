// Unit tests of status computation and workload availability.
#include <gtest/gtest.h>

#include "operator/controller/availability.hpp"
#include "operator/controller/jaeger_status.hpp"

namespace peregrine::controller {
namespace {

StatusInput applied(bool available, const std::string& now) {
  StatusInput input;
  input.result = {ReconcileResult::Kind::Applied, ""};
  input.availability = {available, available ? "all 1 workloads available" : "Deployment j has 0/1 replicas available"};
  input.operator_version = "1.2.3";
  input.generation = 4;
  input.now = now;
  return input;
}

const Json* condition(const Json& status, const std::string& type) {
  for (const auto& c : status["conditions"]) {
    if (c["type"] == type) return &c;
  }
  return nullptr;
}

TEST(JaegerStatus, AppliedIsRunningWithConditions) {
  const Json status = compute_status(nullptr, applied(false, "2024-01-01T00:00:00Z"));
  EXPECT_EQ(status["phase"], "Running");
  EXPECT_EQ(status["version"], "1.2.3");
  EXPECT_EQ(status["observedGeneration"], 4);
  EXPECT_FALSE(status.contains("message"));
  ASSERT_NE(condition(status, "Reconciled"), nullptr);
  EXPECT_EQ((*condition(status, "Reconciled"))["status"], "True");
  EXPECT_EQ((*condition(status, "Reconciled"))["reason"], "ReconcileSucceeded");
  ASSERT_NE(condition(status, "Available"), nullptr);
  EXPECT_EQ((*condition(status, "Available"))["status"], "False");
  EXPECT_EQ((*condition(status, "Available"))["message"], "Deployment j has 0/1 replicas available");
}

TEST(JaegerStatus, InvalidSpecIsFailedWithTheMessage) {
  StatusInput input = applied(true, "2024-01-01T00:00:00Z");
  input.result = {ReconcileResult::Kind::InvalidSpec, "spec.storage.type: unknown storage type \"x\""};
  const Json status = compute_status(nullptr, input);
  EXPECT_EQ(status["phase"], "Failed");
  EXPECT_EQ(status["message"], "spec.storage.type: unknown storage type \"x\"");
  EXPECT_EQ((*condition(status, "Reconciled"))["status"], "False");
  EXPECT_EQ((*condition(status, "Reconciled"))["reason"], "InvalidSpec");
  EXPECT_EQ(condition(status, "Available"), nullptr);
}

TEST(JaegerStatus, RecomputingAnUnchangedStateIsIdentical) {
  const Json first = compute_status(nullptr, applied(false, "2024-01-01T00:00:00Z"));
  const Json again = compute_status(first, applied(false, "2024-06-01T00:00:00Z"));
  EXPECT_EQ(first, again);
  EXPECT_FALSE(status_changed(first, again));
}

TEST(JaegerStatus, TransitionTimesMoveOnlyForChangedConditions) {
  const Json first = compute_status(nullptr, applied(false, "2024-01-01T00:00:00Z"));
  const Json ready = compute_status(first, applied(true, "2024-02-01T00:00:00Z"));
  EXPECT_TRUE(status_changed(first, ready));
  EXPECT_EQ((*condition(ready, "Available"))["lastTransitionTime"], "2024-02-01T00:00:00Z");
  EXPECT_EQ((*condition(ready, "Reconciled"))["lastTransitionTime"], "2024-01-01T00:00:00Z");

  StatusInput failed = applied(true, "2024-03-01T00:00:00Z");
  failed.result = {ReconcileResult::Kind::ApplyFailed, "create Deployment ns/j: forbidden"};
  const Json broken = compute_status(ready, failed);
  EXPECT_EQ(broken["phase"], "Failed");
  EXPECT_EQ((*condition(broken, "Reconciled"))["reason"], "ApplyFailed");
  EXPECT_EQ((*condition(broken, "Reconciled"))["lastTransitionTime"], "2024-03-01T00:00:00Z");
  // The last availability observation is kept while the spec cannot be applied.
  EXPECT_EQ(*condition(broken, "Available"), *condition(ready, "Available"));
}

TEST(JaegerStatus, MissingStatusCountsAsChanged) {
  EXPECT_TRUE(status_changed(nullptr, compute_status(nullptr, applied(true, "t"))));
}

Json deployment(int replicas, int available, int generation = 1, int observed_generation = 1) {
  return {{"kind", "Deployment"},
          {"metadata", {{"name", "d"}, {"generation", generation}}},
          {"spec", {{"replicas", replicas}}},
          {"status", {{"availableReplicas", available}, {"observedGeneration", observed_generation}}}};
}

TEST(Availability, DeploymentsNeedTheirReplicasAvailable) {
  EXPECT_TRUE(workloads_availability({deployment(2, 2)}).available);
  const Availability waiting = workloads_availability({deployment(2, 1)});
  EXPECT_FALSE(waiting.available);
  EXPECT_EQ(waiting.message, "Deployment d has 1/2 replicas available");
  EXPECT_FALSE(workloads_availability({deployment(1, 1, 2, 1)}).available);  // rollout pending
  const Json no_status = {{"kind", "Deployment"}, {"metadata", {{"name", "d"}, {"generation", 1}}}, {"spec", Json::object()}};
  EXPECT_EQ(workloads_availability({no_status}).message, "Deployment d has 0/1 replicas available");
}

TEST(Availability, DaemonSetsNeedEveryScheduledPod) {
  const Json ready = {{"kind", "DaemonSet"},
                      {"metadata", {{"name", "a"}}},
                      {"status", {{"desiredNumberScheduled", 3}, {"numberAvailable", 3}}}};
  const Json fresh = {{"kind", "DaemonSet"}, {"metadata", {{"name", "a"}}}};
  EXPECT_TRUE(workloads_availability({ready, deployment(1, 1)}).available);
  EXPECT_EQ(workloads_availability({ready, deployment(1, 1)}).message, "all 2 workloads available");
  EXPECT_FALSE(workloads_availability({fresh}).available);
  EXPECT_TRUE(workloads_availability({Json{{"kind", "Service"}}}).available);
}

}  // namespace
}  // namespace peregrine::controller
