// Unit tests of update detection and of the merged object sent with PUT.
#include <gtest/gtest.h>

#include "operator/controller/object_diff.hpp"

namespace peregrine::controller {
namespace {

Json owner_ref() {
  return {{"apiVersion", "jaegertracing.io/v1"}, {"kind", "Jaeger"}, {"name", "j"}, {"uid", "u1"}, {"controller", true}};
}

Json desired_service() {
  return {{"apiVersion", "v1"},
          {"kind", "Service"},
          {"metadata",
           {{"name", "j-query"},
            {"namespace", "ns"},
            {"labels", {{"app", "jaeger"}}},
            {"ownerReferences", {owner_ref()}}}},
          {"spec", {{"selector", {{"app", "jaeger"}}}, {"ports", {{{"name", "http-query"}, {"port", 16686}}}}}}};
}

Json observed_service() {
  Json observed = desired_service();
  observed["metadata"]["resourceVersion"] = "42";
  observed["metadata"]["uid"] = "svc-uid";
  observed["metadata"]["labels"]["team"] = "a";
  observed["metadata"]["annotations"] = {{"note", "kept"}};
  observed["spec"]["clusterIP"] = "10.96.0.7";
  observed["spec"]["clusterIPs"] = {"10.96.0.7"};
  observed["spec"]["type"] = "ClusterIP";
  observed["spec"]["ports"][0]["protocol"] = "TCP";
  observed["spec"]["ports"][0]["targetPort"] = 16686;
  return observed;
}

TEST(ObjectDiff, ServerDefaultsAndForeignLabelsNeedNoUpdate) {
  EXPECT_EQ(update_reason(desired_service(), observed_service()), "");
  EXPECT_FALSE(needs_update(desired_service(), observed_service()));
}

TEST(ObjectDiff, ChangedSpecLabelOrOwnerNeedsUpdate) {
  Json observed = observed_service();
  observed["spec"]["ports"][0]["port"] = 80;
  EXPECT_EQ(update_reason(desired_service(), observed), "/spec/ports/0/port");

  observed = observed_service();
  observed["metadata"]["labels"]["app"] = "other";
  EXPECT_EQ(update_reason(desired_service(), observed), "/metadata/labels/app");

  observed = observed_service();
  observed["metadata"].erase("ownerReferences");
  EXPECT_EQ(update_reason(desired_service(), observed), "/metadata/ownerReferences");
}

TEST(ObjectDiff, MergeKeepsServerAndForeignStateAndTakesDesiredSpec) {
  Json desired = desired_service();
  desired["spec"]["ports"][0]["port"] = 16687;
  Json observed = observed_service();
  Json other_owner = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"name", "x"}, {"uid", "u9"}};
  observed["metadata"]["ownerReferences"].push_back(other_owner);
  const Json merged = merge_for_update(desired, observed);
  EXPECT_EQ(merged["metadata"]["resourceVersion"], "42");
  EXPECT_EQ(merged["metadata"]["uid"], "svc-uid");
  EXPECT_EQ(merged["metadata"]["labels"]["team"], "a");
  EXPECT_EQ(merged["metadata"]["labels"]["app"], "jaeger");
  EXPECT_EQ(merged["metadata"]["annotations"]["note"], "kept");
  EXPECT_EQ(merged["spec"]["clusterIP"], "10.96.0.7");
  EXPECT_EQ(merged["spec"]["clusterIPs"], Json({"10.96.0.7"}));
  EXPECT_EQ(merged["spec"]["ports"][0]["port"], 16687);
  EXPECT_FALSE(merged["spec"].contains("type"));  // replaced spec: the server defaults it again
  ASSERT_EQ(merged["metadata"]["ownerReferences"].size(), 2u);
  EXPECT_EQ(merged["metadata"]["ownerReferences"][0], other_owner);
  EXPECT_EQ(merged["metadata"]["ownerReferences"][1], owner_ref());
  EXPECT_FALSE(needs_update(desired, merged));
}

TEST(ObjectDiff, MergeReplacesAStaleControllerReference) {
  Json observed = observed_service();
  observed["metadata"]["ownerReferences"][0]["uid"] = "old-uid";
  EXPECT_EQ(update_reason(desired_service(), observed), "/metadata/ownerReferences");
  const Json merged = merge_for_update(desired_service(), observed);
  ASSERT_EQ(merged["metadata"]["ownerReferences"].size(), 1u);
  EXPECT_EQ(merged["metadata"]["ownerReferences"][0]["uid"], "u1");
}

TEST(ObjectDiff, NodePortsCarryOverWhenNotRendered) {
  Json desired = desired_service();
  desired["spec"]["type"] = "NodePort";
  Json observed = observed_service();
  observed["spec"]["type"] = "NodePort";
  observed["spec"]["ports"][0]["nodePort"] = 30001;
  observed["spec"]["ports"][0]["port"] = 1;
  const Json merged = merge_for_update(desired, observed);
  EXPECT_FALSE(merged["spec"]["ports"][0].contains("nodePort"));  // a different port: nothing to keep
  observed["spec"]["ports"][0]["port"] = 16686;
  EXPECT_EQ(merge_for_update(desired, observed)["spec"]["ports"][0]["nodePort"], 30001);
}

TEST(ObjectDiff, ReplicasLeftToAnAutoscalerAreKept) {
  const Json desired = {{"apiVersion", "apps/v1"},
                        {"kind", "Deployment"},
                        {"metadata", {{"name", "j-collector"}, {"namespace", "ns"}}},
                        {"spec", {{"template", {{"spec", {{"containers", {{{"name", "c"}, {"image", "i:2"}}}}}}}}}}};
  Json observed = desired;
  observed["spec"]["replicas"] = 7;
  observed["spec"]["template"]["spec"]["containers"][0]["image"] = "i:1";
  EXPECT_EQ(update_reason(desired, observed), "/spec/template/spec/containers/0/image");
  const Json merged = merge_for_update(desired, observed);
  EXPECT_EQ(merged["spec"]["replicas"], 7);
  EXPECT_EQ(merged["spec"]["template"]["spec"]["containers"][0]["image"], "i:2");

  Json fixed = desired;
  fixed["spec"]["replicas"] = 2;
  EXPECT_EQ(update_reason(fixed, observed), "/spec/replicas");
  EXPECT_EQ(merge_for_update(fixed, observed)["spec"]["replicas"], 2);
}

TEST(ObjectDiff, UnrenderedTopLevelFieldsAreKept) {
  const Json desired = {{"apiVersion", "v1"}, {"kind", "ServiceAccount"}, {"metadata", {{"name", "j"}}}};
  const Json observed = {{"apiVersion", "v1"},
                         {"kind", "ServiceAccount"},
                         {"metadata", {{"name", "j"}, {"resourceVersion", "3"}}},
                         {"secrets", {{{"name", "j-token-abc"}}}}};
  EXPECT_FALSE(needs_update(desired, observed));
  EXPECT_EQ(merge_for_update(desired, observed)["secrets"], observed["secrets"]);
}

TEST(ObjectDiff, JobsAreRecreatedOthersUpdated) {
  EXPECT_EQ(update_method_for_kind("Job"), UpdateMethod::Recreate);
  EXPECT_EQ(update_method_for_kind("Deployment"), UpdateMethod::Update);
  EXPECT_EQ(update_method_for_kind("CronJob"), UpdateMethod::Update);
}

}  // namespace
}  // namespace peregrine::controller
