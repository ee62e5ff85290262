// HorizontalPodAutoscalers: when they exist, their bounds, targets and API version.
#include <gtest/gtest.h>

#include "render_test_support.hpp"

namespace peregrine::operator_test {
namespace {

std::string production(const std::string& collector) {
  return "apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: hpa}\nspec:\n  strategy: production\n"
         "  storage: {type: elasticsearch}\n  collector:\n" +
         collector;
}

TEST(Autoscaler, CollectorHpaByDefault) {
  auto objects = render_yaml(production("    options: {}\n"));
  Json hpa = get_object(objects, "HorizontalPodAutoscaler", "hpa-collector");
  EXPECT_EQ(hpa["apiVersion"], "autoscaling/v2");
  EXPECT_EQ(hpa["spec"]["maxReplicas"], 100);
  EXPECT_FALSE(hpa["spec"].contains("minReplicas"));
  EXPECT_EQ(hpa["spec"]["scaleTargetRef"]["kind"], "Deployment");
  EXPECT_EQ(hpa["spec"]["scaleTargetRef"]["name"], "hpa-collector");
  ASSERT_EQ(hpa["spec"]["metrics"].size(), 2u);
  EXPECT_EQ(hpa["spec"]["metrics"][0]["resource"]["name"], "cpu");
  EXPECT_EQ(hpa["spec"]["metrics"][1]["resource"]["name"], "memory");
  EXPECT_EQ(hpa["spec"]["metrics"][1]["resource"]["target"]["averageUtilization"], 90);
  EXPECT_EQ(hpa["spec"]["metrics"][1]["resource"]["target"]["type"], "Utilization");
  EXPECT_EQ(hpa["metadata"]["labels"]["app.kubernetes.io/component"], "hpa-collector");
}

TEST(Autoscaler, BoundsFromSpec) {
  auto objects = render_yaml(production("    minReplicas: 2\n    maxReplicas: 7\n"));
  Json hpa = get_object(objects, "HorizontalPodAutoscaler", "hpa-collector");
  EXPECT_EQ(hpa["spec"]["minReplicas"], 2);
  EXPECT_EQ(hpa["spec"]["maxReplicas"], 7);
}

TEST(Autoscaler, NoHpaWithFixedReplicasOrAutoscaleOff) {
  auto fixed = render_yaml(production("    replicas: 3\n    maxReplicas: 5\n"));
  EXPECT_EQ(find_object(fixed, "HorizontalPodAutoscaler", "hpa-collector"), nullptr);
  EXPECT_EQ(get_object(fixed, "Deployment", "hpa-collector")["spec"]["replicas"], 3);
  auto off = render_yaml(production("    autoscale: false\n"));
  EXPECT_EQ(find_object(off, "HorizontalPodAutoscaler", "hpa-collector"), nullptr);
}

TEST(Autoscaler, NoHpaForAllInOne) {
  auto objects = render_yaml("apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: aio}\n");
  for (const auto& object : objects) EXPECT_NE(object["kind"], "HorizontalPodAutoscaler");
}

TEST(Autoscaler, IngesterHpaForStreamingAndBetaApiOnOldClusters) {
  auto context = test_context();
  context.autoscaling_api_version = "autoscaling/v2beta2";
  auto objects = render_yaml(
      "apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: s}\nspec:\n  strategy: streaming\n"
      "  storage: {type: elasticsearch}\n  ingester:\n    maxReplicas: 4\n",
      context);
  Json hpa = get_object(objects, "HorizontalPodAutoscaler", "s-ingester");
  EXPECT_EQ(hpa["apiVersion"], "autoscaling/v2beta2");
  EXPECT_EQ(hpa["spec"]["maxReplicas"], 4);
  EXPECT_EQ(hpa["metadata"]["labels"]["app.kubernetes.io/component"], "hpa-ingester");
  EXPECT_NE(find_object(objects, "HorizontalPodAutoscaler", "s-collector"), nullptr);
}

}  // namespace
}  // namespace peregrine::operator_test
