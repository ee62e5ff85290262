// Options flattening: dotted keys, sorted args, repeated list flags, storage prefix filtering.
#include <gtest/gtest.h>

#include "operator/api/options.hpp"

namespace peregrine::operator_api {
namespace {

Options from(const nlohmann::json& json, std::vector<std::string>* errors_out = nullptr) {
  std::vector<std::string> errors;
  Options options = Options::from_json(json, "spec.options", errors);
  if (errors_out) *errors_out = errors;
  else EXPECT_TRUE(errors.empty());
  return options;
}

TEST(Options, FlattensNestedMapsWithDots) {
  Options options = from({{"kafka", {{"producer", {{"topic", "spans"}, {"batch-size", 128000}}}}}, {"log-level", "debug"}});
  EXPECT_EQ(options.get("kafka.producer.topic"), "spans");
  EXPECT_EQ(options.get("kafka.producer.batch-size"), "128000");
  EXPECT_EQ(options.get("log-level"), "debug");
}

TEST(Options, ArgsAreSortedBytewise) {
  Options options = from({{"query", {{"base-path", "/jaeger"}}}, {"log-level", "debug"}, {"a", {{"b", "1"}}}, {"a.b", "2"}});
  // "--a.b=..." sorts before "--log-level" and "." (0x2e) sorts before "=" (0x3d)
  EXPECT_EQ(options.to_args(), (std::vector<std::string>{"--a.b=2", "--log-level=debug", "--query.base-path=/jaeger"}));
}

TEST(Options, ListsRepeatTheFlag) {
  Options options = from({{"es", {{"server-urls", {"http://a:9200", "http://b:9200"}}}}});
  EXPECT_EQ(options.to_args(),
            (std::vector<std::string>{"--es.server-urls=http://a:9200", "--es.server-urls=http://b:9200"}));
  EXPECT_FALSE(options.get("es.server-urls").has_value());
  EXPECT_TRUE(options.contains("es.server-urls"));
}

TEST(Options, ScalarsKeepTheirLiteralForm) {
  Options options = from({{"flag", true}, {"off", false}, {"ratio", 0.25}, {"whole", 2.0}, {"dropped", nullptr}});
  EXPECT_EQ(options.get("flag"), "true");
  EXPECT_EQ(options.get("off"), "false");
  EXPECT_EQ(options.get("ratio"), "0.25");
  EXPECT_EQ(options.get("whole"), "2");
  EXPECT_FALSE(options.contains("dropped"));
}

TEST(Options, FilterKeepsPrefixAndArchiveVariant) {
  Options options = from({{"es", {{"server-urls", "http://es:9200"}}},
                          {"es-archive", {{"enabled", true}}},
                          {"esx", {{"nope", 1}}},
                          {"memory", {{"max-traces", 100}}}});
  Options filtered = options.filter("es");
  EXPECT_EQ(filtered.to_args(),
            (std::vector<std::string>{"--es-archive.enabled=true", "--es.server-urls=http://es:9200"}));
}

TEST(Options, RejectsListsOfMaps) {
  std::vector<std::string> errors;
  from({{"bad", nlohmann::json::array({{{"a", 1}}})}}, &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("spec.options.bad"), std::string::npos);
}

TEST(Options, RejectsNonMapOptions) {
  std::vector<std::string> errors;
  from("just a string", &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("must be a map"), std::string::npos);
}

}  // namespace
}  // namespace peregrine::operator_api
