// Sampling and UI ConfigMaps.
#include <gtest/gtest.h>

#include "render_test_support.hpp"

namespace peregrine::operator_test {
namespace {

TEST(SamplingConfigMap, DefaultProbabilisticOne) {
  auto objects = render_yaml("apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: s}\n");
  Json config_map = get_object(objects, "ConfigMap", "s-sampling-configuration");
  EXPECT_EQ(Json::parse(config_map["data"]["sampling"].get<std::string>()),
            Json::parse(R"({"default_strategy":{"type":"probabilistic","param":1}})"));
  EXPECT_EQ(config_map["metadata"]["labels"]["app.kubernetes.io/component"], "sampling-configuration");
}

TEST(SamplingConfigMap, UserStrategies) {
  auto objects = render_yaml(R"(
apiVersion: jaegertracing.io/v1
kind: Jaeger
metadata: {name: s}
spec:
  sampling:
    options:
      default_strategy:
        type: probabilistic
        param: 0.1
      service_strategies:
      - service: payment-service
        type: probabilistic
        param: 1.0
)");
  Json strategies = Json::parse(get_object(objects, "ConfigMap", "s-sampling-configuration")["data"]["sampling"].get<std::string>());
  EXPECT_EQ(strategies["default_strategy"]["param"], 0.1);
  EXPECT_EQ(strategies["service_strategies"][0]["service"], "payment-service");
}

TEST(SamplingConfigMap, SkippedWhenTheUserPassesAStrategiesFile) {
  auto objects = render_yaml(
      "apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: s}\nspec:\n  allInOne:\n    options:\n"
      "      sampling.strategies-file: /my/file.json\n");
  EXPECT_EQ(find_object(objects, "ConfigMap", "s-sampling-configuration"), nullptr);
  Json container = first_container(get_object(objects, "Deployment", "s"));
  EXPECT_EQ(strings_of(container["args"]), std::vector<std::string>{"--sampling.strategies-file=/my/file.json"});
  EXPECT_FALSE(container.contains("volumeMounts"));
}

TEST(UiConfigMap, OnlyWithUiOptions) {
  auto none = render_yaml("apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: u}\n");
  EXPECT_EQ(find_object(none, "ConfigMap", "u-ui-configuration"), nullptr);

  auto objects = render_yaml(R"(
apiVersion: jaegertracing.io/v1
kind: Jaeger
metadata: {name: u}
spec:
  ui:
    options:
      tracking:
        gaID: UA-000000-2
)");
  Json config_map = get_object(objects, "ConfigMap", "u-ui-configuration");
  EXPECT_EQ(Json::parse(config_map["data"]["ui"].get<std::string>())["tracking"]["gaID"], "UA-000000-2");
  Json deployment = get_object(objects, "Deployment", "u");
  bool mounted = false;
  for (const auto& volume : deployment["spec"]["template"]["spec"]["volumes"]) {
    if (volume["name"] == "u-ui-configuration-volume") mounted = volume["configMap"]["items"][0]["path"] == "ui.json";
  }
  EXPECT_TRUE(mounted);
}

TEST(UiConfigMap, DependenciesTabHiddenWithoutTheSparkJob) {
  auto objects = render_yaml(
      "apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: b}\nspec:\n  storage:\n    type: badger\n");
  Json ui = Json::parse(get_object(objects, "ConfigMap", "b-ui-configuration")["data"]["ui"].get<std::string>());
  EXPECT_EQ(ui["dependencies"]["menuEnabled"], false);
}

}  // namespace
}  // namespace peregrine::operator_test
