// "Observed covers desired": server defaults and canonical quantities are not differences; real changes are.
#include <gtest/gtest.h>

#include "operator/webhook/semantic_cover.hpp"

namespace peregrine::operator_webhook {
namespace {

using Json = nlohmann::json;

TEST(SemanticCover, ExtraObservedFieldsAreServerDefaults) {
  const Json desired = Json::parse(R"({"name":"a","ports":[{"containerPort":5778,"name":"config-rest"}]})");
  const Json observed = Json::parse(
      R"({"name":"a","terminationMessagePath":"/dev/termination-log","ports":[{"containerPort":5778,"name":"config-rest","protocol":"TCP"}]})");
  EXPECT_TRUE(covers(observed, desired));
  EXPECT_FALSE(covers(desired, observed));
}

TEST(SemanticCover, ListsMatchElementByElement) {
  EXPECT_FALSE(covers(Json::parse(R"({"args":["a"]})"), Json::parse(R"({"args":["a","b"]})")));
  EXPECT_FALSE(covers(Json::parse(R"({"args":["b","a"]})"), Json::parse(R"({"args":["a","b"]})")));
  EXPECT_TRUE(covers(Json::parse(R"({"args":["a","b"]})"), Json::parse(R"({"args":["a","b"]})")));
}

TEST(SemanticCover, ZeroValuesMatchAbsentFields) {
  EXPECT_TRUE(covers(Json::parse(R"({"name":"a"})"), Json::parse(R"({"name":"a","env":[],"resources":{},"x":""})")));
  EXPECT_FALSE(covers(Json::parse(R"({"name":"a"})"), Json::parse(R"({"name":"a","image":"x"})")));
}

TEST(SemanticCover, NumbersCompareByValue) {
  EXPECT_TRUE(covers(Json::parse(R"({"port":14271.0})"), Json::parse(R"({"port":14271})")));
  EXPECT_FALSE(covers(Json::parse(R"({"port":14270})"), Json::parse(R"({"port":14271})")));
}

TEST(SemanticCover, QuantitiesCompareByAmount) {
  const Json desired = Json::parse(R"({"resources":{"limits":{"cpu":"0.5","memory":"1024Mi"},"requests":{"cpu":1}}})");
  EXPECT_TRUE(covers(Json::parse(R"({"resources":{"limits":{"cpu":"500m","memory":"1Gi"},"requests":{"cpu":"1"}}})"),
                     desired));
  EXPECT_FALSE(covers(Json::parse(R"({"resources":{"limits":{"cpu":"400m","memory":"1Gi"},"requests":{"cpu":"1"}}})"),
                      desired));
  // Outside limits/requests strings compare exactly.
  EXPECT_FALSE(covers(Json::parse(R"({"value":"1Gi"})"), Json::parse(R"({"value":"1024Mi"})")));
}

}  // namespace
}  // namespace peregrine::operator_webhook
