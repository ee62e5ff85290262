// Unit tests of owner lookup, the owned kinds table and the RecentWrites overlay.
#include <gtest/gtest.h>

#include "operator/controller/controller_caches.hpp"
#include "operator/controller/owned_kinds.hpp"
#include "operator/controller/ownership.hpp"
#include "operator/controller/recent_writes.hpp"

namespace peregrine::controller {
namespace {

Json owned_object(const std::string& owner) {
  return {{"metadata",
           {{"name", "x"},
            {"namespace", "ns"},
            {"labels", {{"app.kubernetes.io/managed-by", "peregrine-operator"}, {"app.kubernetes.io/instance", "label-owner"}}},
            {"ownerReferences",
             {{{"apiVersion", "apps/v1"}, {"kind", "ReplicaSet"}, {"name", "rs"}, {"controller", false}},
              {{"apiVersion", "jaegertracing.io/v1"}, {"kind", "Jaeger"}, {"name", owner}, {"controller", true}}}}}}};
}

TEST(Ownership, ControllerReferenceWins) {
  EXPECT_EQ(owner_jaeger_key(owned_object("j1")), "ns/j1");
  EXPECT_TRUE(belongs_to_jaeger(owned_object("j1"), "j1"));
  EXPECT_FALSE(belongs_to_jaeger(owned_object("j1"), "label-owner"));
}

TEST(Ownership, LabelsAreTheFallback) {
  Json object = owned_object("j1");
  object["metadata"].erase("ownerReferences");
  EXPECT_EQ(owner_jaeger_key(object), "ns/label-owner");
  EXPECT_TRUE(belongs_to_jaeger(object, "label-owner"));
  object["metadata"]["labels"]["app.kubernetes.io/managed-by"] = "someone-else";
  EXPECT_EQ(owner_jaeger_key(object), std::nullopt);
  EXPECT_FALSE(belongs_to_jaeger(object, "label-owner"));
}

TEST(Ownership, LongNamesMatchTheirTruncatedInstanceLabel) {
  const std::string name(80, 'a');
  const Json object = {{"metadata",
                        {{"namespace", "ns"},
                         {"labels",
                          {{"app.kubernetes.io/managed-by", "peregrine-operator"},
                           {"app.kubernetes.io/instance", std::string(63, 'a')}}}}}};
  EXPECT_TRUE(belongs_to_jaeger(object, name));
}

TEST(Ownership, DeletionTimestamp) {
  Json object = owned_object("j");
  EXPECT_FALSE(is_being_deleted(object));
  object["metadata"]["deletionTimestamp"] = "2024-01-01T00:00:00Z";
  EXPECT_TRUE(is_being_deleted(object));
}

TEST(OwnedKinds, FollowServedVersions) {
  operator_render::RenderContext context;
  context.autoscaling_api_version = "autoscaling/v2beta2";
  context.cronjob_api_version = "batch/v1beta1";
  const auto kinds = owned_kinds(context);
  EXPECT_EQ(kinds.front().kind, "ServiceAccount");
  const auto hpa = owned_kind_for(kinds, "autoscaling/v2beta2", "HorizontalPodAutoscaler");
  ASSERT_TRUE(hpa.has_value());
  EXPECT_EQ(hpa->resource.resource, "horizontalpodautoscalers");
  EXPECT_FALSE(owned_kind_for(kinds, "autoscaling/v2", "HorizontalPodAutoscaler").has_value());
  EXPECT_EQ(owned_kind_for(kinds, "batch/v1beta1", "CronJob")->resource.version, "v1beta1");
  EXPECT_EQ(owned_kind_for(kinds, "v1", "Service")->resource.resource, "services");
  EXPECT_EQ(owned_label_selector(), "app.kubernetes.io/managed-by=peregrine-operator");
}

TEST(JaegerEvents, StatusOnlyChangesAreIgnored) {
  const Json before = {{"metadata", {{"name", "j"}, {"resourceVersion", "1"}}}, {"spec", Json::object()}};
  Json after = before;
  after["metadata"]["resourceVersion"] = "2";
  after["status"] = {{"phase", "Running"}};
  EXPECT_FALSE(jaeger_changed_beyond_status(before, after));
  after["spec"]["strategy"] = "production";
  EXPECT_TRUE(jaeger_changed_beyond_status(before, after));
}

ObjectPtr at_version(const std::string& rv, const std::string& marker = "") {
  return std::make_shared<const Json>(Json{{"metadata", {{"resourceVersion", rv}}}, {"marker", marker}});
}

TEST(RecentWrites, OwnWritesShowUntilTheCacheCatchesUp) {
  RecentWrites writes;
  writes.record_write("k", at_version("10", "written"));
  EXPECT_EQ((*writes.resolve("k", nullptr))["marker"], "written");             // create not cached yet
  EXPECT_EQ((*writes.resolve("k", at_version("9", "old")))["marker"], "written");  // stale cache
  EXPECT_EQ((*writes.resolve("k", at_version("11", "newer")))["marker"], "newer");
  writes.observe("k", at_version("9"));
  EXPECT_EQ(writes.size(), 1u);
  writes.observe("k", at_version("10"));
  EXPECT_EQ(writes.size(), 0u);
  EXPECT_EQ((*writes.resolve("k", at_version("10", "cache")))["marker"], "cache");
}

TEST(RecentWrites, OwnDeletesHideTheCachedCopy) {
  RecentWrites writes;
  writes.record_delete("k", "20");
  EXPECT_EQ(writes.resolve("k", at_version("20")), nullptr);
  EXPECT_NE(writes.resolve("k", at_version("25")), nullptr);  // re-created since
  writes.observe("k", nullptr);
  EXPECT_EQ(writes.size(), 0u);
}

TEST(RecentWrites, NonNumericVersionsTrustTheCache) {
  RecentWrites writes;
  writes.record_write("k", at_version("abc"));
  EXPECT_EQ(writes.size(), 0u);
  EXPECT_EQ(parse_resource_version("123"), 123u);
  EXPECT_FALSE(parse_resource_version("12a").has_value());
  EXPECT_FALSE(parse_resource_version("").has_value());
}

}  // namespace
}  // namespace peregrine::controller
