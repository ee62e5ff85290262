// YAML ⇔ JSON: kubectl-compatible scalar typing, multi-document input, and an emitter whose output reads back
// identically.
#include <gtest/gtest.h>

#include "operator/api/yaml_json.hpp"

namespace peregrine::operator_api {
namespace {

using Json = nlohmann::json;

TEST(YamlJson, TypesPlainScalarsAndKeepsQuotedOnesAsStrings) {
  auto parsed = parse_yaml_documents(
      "a: 1\nb: \"1\"\nc: true\nd: 'yes'\ne: yes\nf: 0.5\ng: ~\nh: http://x:9200\ni: 0x10\nj: |\n  text\n");
  ASSERT_TRUE(parsed.ok()) << parsed.error;
  const Json& doc = parsed.documents.at(0);
  EXPECT_EQ(doc["a"], 1);
  EXPECT_EQ(doc["b"], "1");
  EXPECT_EQ(doc["c"], true);
  EXPECT_EQ(doc["d"], "yes");
  EXPECT_EQ(doc["e"], true);
  EXPECT_EQ(doc["f"], 0.5);
  EXPECT_TRUE(doc["g"].is_null());
  EXPECT_EQ(doc["h"], "http://x:9200");
  EXPECT_EQ(doc["i"], 16);
  EXPECT_EQ(doc["j"], "text\n");
}

TEST(YamlJson, SplitsDocumentsAndSkipsEmptyOnes) {
  auto parsed = parse_yaml_documents("---\nkind: A\n---\n# only a comment\n---\nkind: B\n---\n");
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed.documents.size(), 2u);
  EXPECT_EQ(parsed.documents[1]["kind"], "B");
}

TEST(YamlJson, ReportsSyntaxErrors) {
  auto parsed = parse_yaml_documents("a: [1, 2\n");
  EXPECT_FALSE(parsed.ok());
  EXPECT_TRUE(parsed.documents.empty());
}

TEST(YamlJson, EmitterQuotesAmbiguousStrings) {
  std::string yaml = to_yaml(Json{{"port", "14269"}, {"flag", "true"}, {"word", "no"}, {"arg", "--x=1"}, {"plain", "jaeger"}});
  EXPECT_NE(yaml.find("port: \"14269\""), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("flag: \"true\""), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("word: \"no\""), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("plain: jaeger\n"), std::string::npos) << yaml;
}

TEST(YamlJson, EmittedYamlReadsBackIdentically) {
  Json value = {
      {"apiVersion", "apps/v1"},
      {"metadata", {{"name", "x"}, {"labels", {{"app.kubernetes.io/name", "x-query"}}}, {"annotations", Json::object()}}},
      {"spec",
       {{"list", {1, "two", 3.5, true, nullptr, Json::array(), Json::object(), Json::array({"nested", Json::array({1})})}},
        {"objects", Json::array({{{"a", 1}, {"b", Json::array({{{"c", "d"}}})}}, {{"empty", ""}}})},
        {"text", "line1\nline2 \"quoted\" : # not a comment"},
        {"unicode", "caf\xC3\xA9"}}},
  };
  auto parsed = parse_yaml_documents(to_yaml(value));
  ASSERT_TRUE(parsed.ok()) << parsed.error << "\n" << to_yaml(value);
  ASSERT_EQ(parsed.documents.size(), 1u);
  EXPECT_EQ(parsed.documents[0], value) << to_yaml(value);
}

}  // namespace
}  // namespace peregrine::operator_api
