// Parsing, validation and defaults of the Jaeger CR (operator_api::load_jaeger).
#include <gtest/gtest.h>

#include <algorithm>

#include "operator/api/go_duration.hpp"
#include "operator/api/load.hpp"
#include "operator/api/parse.hpp"
#include "render_test_support.hpp"

namespace peregrine::operator_api {
namespace {

using operator_test::parse_single_yaml;

LoadResult load(const std::string& spec_yaml, const std::string& name = "demo") {
  return load_jaeger(parse_single_yaml("apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata:\n  name: " + name +
                                       "\nspec:\n" + spec_yaml));
}

Jaeger loaded(const std::string& spec_yaml) {
  LoadResult result = load(spec_yaml);
  for (const auto& error : result.errors) ADD_FAILURE() << error;
  return result.jaeger.value_or(Jaeger{});
}

bool has_error_containing(const LoadResult& result, const std::string& text) {
  return std::any_of(result.errors.begin(), result.errors.end(),
                     [&](const std::string& error) { return error.find(text) != std::string::npos; });
}

TEST(LoadJaeger, EmptySpecDefaultsToAllInOneWithMemory) {
  Jaeger jaeger = loaded("  {}\n");
  EXPECT_EQ(jaeger.spec.strategy, DeploymentStrategy::AllInOne);
  EXPECT_EQ(jaeger.spec.storage.type, StorageType::Memory);
  EXPECT_FALSE(jaeger.spec.storage.es_index_cleaner.enabled.value_or(false));
  EXPECT_FALSE(jaeger.spec.storage.dependencies.enabled.value_or(false));
}

TEST(LoadJaeger, StrategyIsCaseInsensitiveAndUnknownMeansAllInOne) {
  EXPECT_EQ(loaded("  strategy: Production\n  storage: {type: elasticsearch}\n").spec.strategy,
            DeploymentStrategy::Production);
  EXPECT_EQ(loaded("  strategy: STREAMING\n  storage: {type: elasticsearch}\n").spec.strategy,
            DeploymentStrategy::Streaming);
  EXPECT_EQ(loaded("  strategy: all-in-one\n  storage: {type: elasticsearch}\n").spec.strategy,
            DeploymentStrategy::AllInOne);
  EXPECT_EQ(loaded("  strategy: bogus\n  storage: {type: elasticsearch}\n").spec.strategy,
            DeploymentStrategy::AllInOne);
}

TEST(LoadJaeger, MemoryAndBadgerForceAllInOne) {
  EXPECT_EQ(loaded("  strategy: production\n").spec.strategy, DeploymentStrategy::AllInOne);
  EXPECT_EQ(loaded("  strategy: production\n  storage: {type: badger}\n").spec.strategy, DeploymentStrategy::AllInOne);
  EXPECT_EQ(loaded("  strategy: production\n  storage: {type: cassandra}\n").spec.strategy,
            DeploymentStrategy::Production);
}

TEST(LoadJaeger, MissingNameFallsBackToMyJaeger) {
  LoadResult result = load_jaeger(parse_single_yaml("apiVersion: jaegertracing.io/v1\nkind: Jaeger\n"));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.jaeger->metadata.name, "my-jaeger");
}

TEST(LoadJaeger, ElasticsearchDefaults) {
  Jaeger jaeger = loaded("  strategy: production\n  storage:\n    type: elasticsearch\n");
  const auto& storage = jaeger.spec.storage;
  EXPECT_TRUE(storage.es_index_cleaner.enabled.value_or(false));
  EXPECT_EQ(storage.es_index_cleaner.number_of_days, 7);
  EXPECT_EQ(storage.es_index_cleaner.schedule, "55 23 * * *");
  EXPECT_TRUE(storage.dependencies.enabled.value_or(false));
  EXPECT_EQ(storage.dependencies.schedule, "55 23 * * *");
  EXPECT_EQ(storage.es_rollover.schedule, "0 0 * * *");
}

TEST(LoadJaeger, SparkDependenciesStayOffWithElasticsearchTls) {
  Jaeger jaeger = loaded("  storage:\n    type: elasticsearch\n    options:\n      es:\n        tls:\n          ca: /ca.pem\n");
  EXPECT_FALSE(jaeger.spec.storage.dependencies.enabled.value_or(false));
  // ... and then the UI hides the dependencies tab
  EXPECT_EQ(jaeger.spec.ui.options["dependencies"]["menuEnabled"], false);
}

TEST(LoadJaeger, UiArchiveButtonFollowsArchiveStorage) {
  Jaeger jaeger = loaded("  storage:\n    type: elasticsearch\n    options:\n      es-archive:\n        enabled: true\n");
  EXPECT_EQ(jaeger.spec.ui.options["archiveEnabled"], true);
  Jaeger explicit_off = loaded(
      "  ui:\n    options:\n      archiveEnabled: false\n  storage:\n    type: elasticsearch\n    options:\n      "
      "es-archive:\n        enabled: true\n");
  EXPECT_EQ(explicit_off.spec.ui.options["archiveEnabled"], false);
}

TEST(LoadJaeger, UnknownStorageTypeIsAnError) {
  LoadResult result = load("  storage:\n    type: mongodb\n");
  EXPECT_FALSE(result.ok());
  EXPECT_FALSE(result.jaeger.has_value());
  EXPECT_TRUE(has_error_containing(result, "spec.storage.type: unknown storage type \"mongodb\""));
  EXPECT_TRUE(has_error_containing(result, "elasticsearch"));
}

TEST(LoadJaeger, WrongFieldTypesAreReportedWithTheirPath) {
  LoadResult result = load(
      "  collector:\n    replicas: three\n    options: [a]\n  ingress:\n    enabled: \"yes\"\n    hosts: example.com\n"
      "  annotations:\n    count: 5\n");
  EXPECT_TRUE(has_error_containing(result, "spec.collector.replicas: expected an integer, got a string"));
  EXPECT_TRUE(has_error_containing(result, "spec.collector.options: must be a map"));
  EXPECT_TRUE(has_error_containing(result, "spec.ingress.enabled: expected a boolean"));
  EXPECT_TRUE(has_error_containing(result, "spec.ingress.hosts: expected a list of strings"));
  EXPECT_TRUE(has_error_containing(result, "spec.annotations.count: expected a string"));
}

TEST(LoadJaeger, NotAJaegerDocument) {
  LoadResult result = load_jaeger(parse_single_yaml("apiVersion: apps/v1\nkind: Deployment\n"));
  EXPECT_TRUE(has_error_containing(result, "not a Jaeger resource"));
  EXPECT_TRUE(is_jaeger_document(parse_single_yaml("apiVersion: jaegertracing.io/v1\nkind: Jaeger\n")));
  EXPECT_FALSE(is_jaeger_document(parse_single_yaml("apiVersion: jaegertracing.io/v2\nkind: Jaeger\n")));
}

TEST(LoadJaeger, SemanticValidation) {
  LoadResult result = load(
      "  agent:\n    strategy: daemon-set\n  collector:\n    minReplicas: 5\n    maxReplicas: 2\n    serviceType: Bogus\n"
      "  ingress:\n    pathType: Regex\n  storage:\n    esRollover:\n      readTTL: two days\n"
      "    esIndexCleaner:\n      schedule: every night\n");
  EXPECT_TRUE(has_error_containing(result, "spec.agent.strategy: unsupported value \"daemon-set\""));
  EXPECT_TRUE(has_error_containing(result, "spec.collector.minReplicas: 5 is greater than maxReplicas 2"));
  EXPECT_TRUE(has_error_containing(result, "spec.collector.serviceType: unsupported value \"Bogus\""));
  EXPECT_TRUE(has_error_containing(result, "spec.ingress.pathType: unsupported value \"Regex\""));
  EXPECT_TRUE(has_error_containing(result, "spec.storage.esRollover.readTTL"));
  EXPECT_TRUE(has_error_containing(result, "spec.storage.esIndexCleaner.schedule"));
}

TEST(LoadJaeger, VolumeMountsMustReferToDeclaredVolumes) {
  LoadResult dangling = load("  volumeMounts:\n  - name: data\n    mountPath: /data\n");
  EXPECT_TRUE(has_error_containing(dangling, "spec.volumeMounts[0]: refers to volume \"data\""));
  LoadResult component = load("  query:\n    volumeMounts:\n    - name: shared\n      mountPath: /s\n"
                              "  volumes:\n  - name: shared\n    emptyDir: {}\n");
  EXPECT_TRUE(component.ok());
}

TEST(LoadJaeger, InvalidInstanceNames) {
  EXPECT_TRUE(has_error_containing(load("  {}\n", "My_Jaeger"), "metadata.name"));
  EXPECT_TRUE(has_error_containing(load("  {}\n", "1jaeger"), "start with a letter"));
  EXPECT_TRUE(load("  {}\n", "jaeger.prod").ok());
}

TEST(GoDuration, ParsesGoSyntax) {
  using std::chrono::nanoseconds;
  EXPECT_EQ(parse_go_duration("48h"), nanoseconds(48LL * 3600 * 1000000000));
  EXPECT_EQ(parse_go_duration("1h30m"), nanoseconds(90LL * 60 * 1000000000));
  EXPECT_EQ(parse_go_duration("2.5s"), nanoseconds(2500000000LL));
  EXPECT_EQ(parse_go_duration("300ms"), nanoseconds(300000000LL));
  EXPECT_EQ(parse_go_duration("0"), nanoseconds(0));
  EXPECT_FALSE(parse_go_duration("3 days").has_value());
  EXPECT_FALSE(parse_go_duration("10").has_value());
  EXPECT_FALSE(parse_go_duration("").has_value());
}

}  // namespace
}  // namespace peregrine::operator_api
