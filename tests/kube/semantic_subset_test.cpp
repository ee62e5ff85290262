// Unit tests of the semantic subset comparison (controller objects and webhook sidecars) and quantity parsing.
#include <gtest/gtest.h>

#include "operator/kube/quantity.hpp"
#include "operator/kube/semantic_subset.hpp"

namespace peregrine::kube {
namespace {

using Json = nlohmann::json;

TEST(SemanticSubset, ExtraObservedFieldsAreFine) {
  const Json desired = {{"spec", {{"ports", {{{"name", "http"}, {"port", 80}}}}}}};
  const Json observed = {
      {"spec", {{"clusterIP", "10.96.0.10"}, {"ports", {{{"name", "http"}, {"port", 80}, {"protocol", "TCP"}}}}}},
      {"status", {{"loadBalancer", Json::object()}}}};
  EXPECT_TRUE(is_semantic_subset(desired, observed));
  EXPECT_EQ(first_difference(desired, observed), "");
}

TEST(SemanticSubset, ChangedValueIsReportedWithItsPointer) {
  const Json desired = {{"spec", {{"ports", {{{"name", "http"}, {"port", 81}}}}}}};
  const Json observed = {{"spec", {{"ports", {{{"name", "http"}, {"port", 80}}}}}}};
  EXPECT_FALSE(is_semantic_subset(desired, observed));
  EXPECT_EQ(first_difference(desired, observed), "/spec/ports/0/port");
}

TEST(SemanticSubset, ListsMustHaveTheSameLength) {
  EXPECT_FALSE(is_semantic_subset(Json{{"args", {"--a"}}}, Json{{"args", {"--a", "--b"}}}));
  EXPECT_FALSE(is_semantic_subset(Json{{"args", {"--a", "--b"}}}, Json{{"args", {"--a"}}}));
  EXPECT_FALSE(is_semantic_subset(Json{{"args", {"--b", "--a"}}}, Json{{"args", {"--a", "--b"}}}));
  EXPECT_TRUE(is_semantic_subset(Json{{"args", {"--a", "--b"}}}, Json{{"args", {"--a", "--b"}}}));
}

TEST(SemanticSubset, ZeroValuesMatchAbsentFields) {
  const Json desired = {{"hostNetwork", false}, {"annotations", Json::object()}, {"volumes", Json::array()},
                        {"name", ""},           {"replicas", 0},              {"x", nullptr}};
  EXPECT_TRUE(is_semantic_subset(desired, Json::object()));
  EXPECT_FALSE(is_semantic_subset(Json{{"hostNetwork", true}}, Json::object()));
  EXPECT_FALSE(is_semantic_subset(Json{{"name", "a"}}, Json::object()));
  // A zero value does not match a different present value.
  EXPECT_FALSE(is_semantic_subset(Json{{"hostNetwork", false}}, Json{{"hostNetwork", true}}));
}

TEST(SemanticSubset, NumbersCompareByValue) {
  EXPECT_TRUE(is_semantic_subset(Json{{"n", 1}}, Json{{"n", 1.0}}));
  EXPECT_TRUE(is_semantic_subset(Json{{"n", 3u}}, Json{{"n", 3}}));
  EXPECT_FALSE(is_semantic_subset(Json{{"n", 1}}, Json{{"n", "1"}}));
}

TEST(SemanticSubset, QuantitiesCompareByAmountOnlyInResourceMaps) {
  const Json desired = {{"resources", {{"limits", {{"memory", "1024Mi"}, {"cpu", "0.5"}}}}}};
  const Json observed = {{"resources", {{"limits", {{"memory", "1Gi"}, {"cpu", "500m"}}}}}};
  EXPECT_TRUE(is_semantic_subset(desired, observed));
  EXPECT_FALSE(is_semantic_subset(Json{{"value", "1024Mi"}}, Json{{"value", "1Gi"}}));
  EXPECT_FALSE(is_semantic_subset(Json{{"requests", {{"cpu", "1"}}}}, Json{{"requests", {{"cpu", "2"}}}}));
}

TEST(SemanticSubset, ASidecarReadBackWithServerDefaultsIsUnchanged) {
  const Json desired = Json::parse(R"({"name":"a","ports":[{"containerPort":5778,"name":"config-rest"}],
                                       "resources":{"limits":{"cpu":"0.5","memory":"1024Mi"},"requests":{"cpu":1}}})");
  const Json observed = Json::parse(R"({"name":"a","terminationMessagePath":"/dev/termination-log",
                                        "ports":[{"containerPort":5778,"name":"config-rest","protocol":"TCP"}],
                                        "resources":{"limits":{"cpu":"500m","memory":"1Gi"},"requests":{"cpu":"1"}}})");
  EXPECT_TRUE(is_semantic_subset(desired, observed));
  EXPECT_FALSE(is_semantic_subset(observed, desired));
  Json less = observed;
  less["resources"]["limits"]["cpu"] = "400m";
  EXPECT_EQ(first_difference(desired, less), "/resources/limits/cpu");
  EXPECT_TRUE(is_semantic_subset(Json{{"limits", {{"cpu", "2"}}}}, Json{{"limits", {{"cpu", 2}}}}));
}

TEST(Quantity, ParsesSuffixesAndExponents) {
  EXPECT_EQ(parse_quantity("1Ki"), 1024.0L);
  EXPECT_EQ(parse_quantity("2k"), 2000.0L);
  EXPECT_EQ(parse_quantity("1e3"), 1000.0L);
  EXPECT_EQ(parse_quantity("-2"), -2.0L);
  EXPECT_TRUE(same_quantity("100m", "0.1"));
  EXPECT_TRUE(same_quantity("1G", "1000M"));
  EXPECT_FALSE(same_quantity("1G", "1Gi"));
  EXPECT_FALSE(parse_quantity("abc").has_value());
  EXPECT_FALSE(parse_quantity("1Xi").has_value());
  EXPECT_FALSE(parse_quantity("").has_value());
}

}  // namespace
}  // namespace peregrine::kube
