// CronJobs and storage Jobs: es-index-cleaner, es-rollover/es-lookback, spark-dependencies, cassandra schema,
// rollover mapping.
#include <gtest/gtest.h>

#include "render_test_support.hpp"

namespace peregrine::operator_test {
namespace {

std::string es(const std::string& storage_extra, const std::string& name = "es") {
  return "apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: " + name +
         "}\nspec:\n  strategy: production\n  storage:\n    type: elasticsearch\n    secretName: es-creds\n" +
         storage_extra;
}

const char* kEsOptions = R"(    options:
      es:
        server-urls: http://es-0:9200,http://es-1:9200
        index-prefix: tenant-a
        username: elastic
        use-aliases: true
        num-shards: 3
)";

TEST(EsIndexCleaner, EnabledByDefaultWithJaegerDefaults) {
  auto objects = render_yaml(es("    options:\n      es:\n        server-urls: http://es:9200\n        index-prefix: p\n"));
  Json cronjob = get_object(objects, "CronJob", "es-es-index-cleaner");
  EXPECT_EQ(cronjob["apiVersion"], "batch/v1");
  EXPECT_EQ(cronjob["spec"]["schedule"], "55 23 * * *");
  const Json& job = cronjob["spec"]["jobTemplate"]["spec"];
  EXPECT_EQ(job["parallelism"], 1);
  EXPECT_EQ(job["template"]["spec"]["restartPolicy"], "Never");
  Json container = first_container(cronjob);
  EXPECT_EQ(container["image"], "peregrine/es-index-cleaner:1.2.3");
  EXPECT_EQ(strings_of(container["args"]), (std::vector<std::string>{"7", "http://es:9200"}));
  EXPECT_EQ(env_value(container, "INDEX_PREFIX"), "p");
  EXPECT_EQ(env_value(container, "ROLLOVER"), "<unset>");
  EXPECT_EQ(container["envFrom"][0]["secretRef"]["name"], "es-creds");
  EXPECT_EQ(cronjob["metadata"]["labels"]["app.kubernetes.io/component"], "cronjob-es-index-cleaner");
}

TEST(EsIndexCleaner, CustomSettingsAndDisabled) {
  auto objects = render_yaml(es(
      "    esIndexCleaner:\n      numberOfDays: 3\n      schedule: \"0 1 * * *\"\n      successfulJobsHistoryLimit: 2\n"
      "      ttlSecondsAfterFinished: 100\n      backoffLimit: 1\n      image: my/cleaner:2\n"));
  Json cronjob = get_object(objects, "CronJob", "es-es-index-cleaner");
  EXPECT_EQ(cronjob["spec"]["schedule"], "0 1 * * *");
  EXPECT_EQ(cronjob["spec"]["successfulJobsHistoryLimit"], 2);
  EXPECT_EQ(cronjob["spec"]["jobTemplate"]["spec"]["ttlSecondsAfterFinished"], 100);
  EXPECT_EQ(cronjob["spec"]["jobTemplate"]["spec"]["backoffLimit"], 1);
  Json container = first_container(cronjob);
  EXPECT_EQ(container["image"], "my/cleaner:2");
  EXPECT_EQ(strings_of(container["args"]), (std::vector<std::string>{"3", "http://127.0.0.1:9200"}));

  auto disabled = render_yaml(es("    esIndexCleaner:\n      enabled: false\n"));
  EXPECT_EQ(find_object(disabled, "CronJob", "es-es-index-cleaner"), nullptr);
}

TEST(EsIndexCleaner, NotForOtherStorages) {
  auto objects = render_yaml(
      "apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: c}\nspec:\n  storage:\n    type: cassandra\n"
      "    esIndexCleaner:\n      enabled: true\n");
  EXPECT_EQ(find_object(objects, "CronJob", "c-es-index-cleaner"), nullptr);
}

TEST(EsRollover, RolloverAndLookbackWithAliases) {
  auto context = test_context();
  context.cronjob_api_version = "batch/v1beta1";
  auto objects = render_yaml(es(std::string(kEsOptions) + "    esRollover:\n      conditions: '{\"max_age\": \"2d\"}'\n"
                                "      readTTL: 48h\n"),
                             context);
  Json rollover = get_object(objects, "CronJob", "es-es-rollover");
  EXPECT_EQ(rollover["apiVersion"], "batch/v1beta1");
  EXPECT_EQ(rollover["spec"]["schedule"], "0 0 * * *");
  EXPECT_EQ(rollover["spec"]["concurrencyPolicy"], "Forbid");
  Json container = first_container(rollover);
  EXPECT_EQ(container["image"], "peregrine/es-rollover:1.2.3");
  EXPECT_EQ(strings_of(container["args"]), (std::vector<std::string>{"rollover", "http://es-0:9200"}));
  EXPECT_EQ(env_value(container, "CONDITIONS"), "{\"max_age\": \"2d\"}");
  EXPECT_EQ(env_value(container, "ES_USERNAME"), "elastic");
  EXPECT_EQ(rollover["spec"]["jobTemplate"]["spec"]["template"]["spec"]["restartPolicy"], "OnFailure");

  Json lookback = get_object(objects, "CronJob", "es-es-lookback");
  Json lookback_container = first_container(lookback);
  EXPECT_EQ(strings_of(lookback_container["args"]), (std::vector<std::string>{"lookback", "http://es-0:9200"}));
  EXPECT_EQ(env_value(lookback_container, "UNIT"), "hours");
  EXPECT_EQ(env_value(lookback_container, "UNIT_COUNT"), "48");

  // the index cleaner then works on aliases too
  EXPECT_EQ(env_value(first_container(get_object(objects, "CronJob", "es-es-index-cleaner")), "ROLLOVER"), "true");

  Json mapping = get_object(objects, "Job", "es-es-rollover-create-mapping");
  Json mapping_container = first_container(mapping);
  EXPECT_EQ(strings_of(mapping_container["args"]), (std::vector<std::string>{"init", "http://es-0:9200"}));
  EXPECT_EQ(env_value(mapping_container, "SHARDS"), "3");
  EXPECT_EQ(env_value(mapping_container, "INDEX_PREFIX"), "tenant-a");
}

TEST(EsRollover, LookbackUnitsFallBackToMinutesAndSeconds) {
  auto minutes = render_yaml(es(std::string(kEsOptions) + "    esRollover:\n      readTTL: 90m\n"));
  EXPECT_EQ(env_value(first_container(get_object(minutes, "CronJob", "es-es-lookback")), "UNIT"), "minutes");
  auto seconds = render_yaml(es(std::string(kEsOptions) + "    esRollover:\n      readTTL: 90s\n"));
  Json container = first_container(get_object(seconds, "CronJob", "es-es-lookback"));
  EXPECT_EQ(env_value(container, "UNIT"), "seconds");
  EXPECT_EQ(env_value(container, "UNIT_COUNT"), "90");
}

TEST(EsRollover, NothingWithoutAliases) {
  auto objects = render_yaml(es(""));
  EXPECT_EQ(find_object(objects, "CronJob", "es-es-rollover"), nullptr);
  EXPECT_EQ(find_object(objects, "CronJob", "es-es-lookback"), nullptr);
  EXPECT_EQ(find_object(objects, "Job", "es-es-rollover-create-mapping"), nullptr);
}

TEST(SparkDependencies, OnByDefaultForElasticsearch) {
  auto objects = render_yaml(es(kEsOptions));
  Json cronjob = get_object(objects, "CronJob", "es-spark-dependencies");
  EXPECT_EQ(cronjob["spec"]["schedule"], "55 23 * * *");
  EXPECT_EQ(cronjob["spec"]["concurrencyPolicy"], "Forbid");
  Json container = first_container(cronjob);
  EXPECT_EQ(container["image"], "ghcr.io/jaegertracing/spark-dependencies/spark-dependencies");
  EXPECT_EQ(env_value(container, "STORAGE"), "elasticsearch");
  EXPECT_EQ(env_value(container, "ES_NODES"), "http://es-0:9200,http://es-1:9200");
  EXPECT_EQ(env_value(container, "ES_INDEX_PREFIX"), "tenant-a");
  EXPECT_EQ(env_value(container, "SPARK_MASTER"), "<unset>");  // empty values are dropped
  EXPECT_EQ(cronjob["metadata"]["labels"]["app.kubernetes.io/component"], "spark-dependencies");
}

TEST(SparkDependencies, CassandraSettingsAndOptOut) {
  auto objects = render_yaml(R"(
apiVersion: jaegertracing.io/v1
kind: Jaeger
metadata: {name: cass}
spec:
  storage:
    type: cassandra
    options:
      cassandra:
        servers: cassandra-0,cassandra-1
        keyspace: jaeger_v1_dc1
    dependencies:
      javaOpts: -Xmx1g
      schedule: "0 4 * * *"
)");
  Json container = first_container(get_object(objects, "CronJob", "cass-spark-dependencies"));
  EXPECT_EQ(env_value(container, "CASSANDRA_CONTACT_POINTS"), "cassandra-0,cassandra-1");
  EXPECT_EQ(env_value(container, "CASSANDRA_KEYSPACE"), "jaeger_v1_dc1");
  EXPECT_EQ(env_value(container, "JAVA_OPTS"), "-Xmx1g");
  EXPECT_EQ(env_value(container, "CASSANDRA_CLIENT_AUTH_ENABLED"), "false");

  auto off = render_yaml(es("    dependencies:\n      enabled: false\n"));
  EXPECT_EQ(find_object(off, "CronJob", "es-spark-dependencies"), nullptr);
}

TEST(CassandraSchemaJob, CreatedForCassandraWithDefaults) {
  auto objects = render_yaml(R"(
apiVersion: jaegertracing.io/v1
kind: Jaeger
metadata: {name: cass}
spec:
  storage:
    type: cassandra
    options:
      cassandra:
        servers: cassandra.default.svc,other
        keyspace: jaeger_v1_datacenter3
    cassandraCreateSchema:
      datacenter: datacenter3
      mode: test
      timeout: 3m
      traceTTL: 24h
)");
  Json job = get_object(objects, "Job", "cass-cassandra-schema-job");
  EXPECT_EQ(job["apiVersion"], "batch/v1");
  EXPECT_EQ(job["spec"]["activeDeadlineSeconds"], 180);
  EXPECT_EQ(job["spec"]["template"]["spec"]["activeDeadlineSeconds"], 320);
  Json container = first_container(job);
  EXPECT_EQ(container["image"], "peregrine/cassandra-schema:1.2.3");
  EXPECT_EQ(env_value(container, "MODE"), "test");
  EXPECT_EQ(env_value(container, "DATACENTER"), "datacenter3");
  EXPECT_EQ(env_value(container, "CQLSH_HOST"), "cassandra.default.svc");
  EXPECT_EQ(env_value(container, "CQLSH_PORT"), "9042");
  EXPECT_EQ(env_value(container, "KEYSPACE"), "jaeger_v1_datacenter3");
  EXPECT_EQ(env_value(container, "TRACE_TTL"), "86400");

  auto disabled = render_yaml(
      "apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: c}\nspec:\n  storage:\n    type: cassandra\n"
      "    cassandraCreateSchema:\n      enabled: false\n");
  EXPECT_EQ(find_object(disabled, "Job", "c-cassandra-schema-job"), nullptr);
}

TEST(CronJobs, NamesAreLimitedTo52Characters) {
  std::string name(50, 'x');
  auto objects = render_yaml(es(kEsOptions, name));
  for (const auto& object : objects) {
    if (object["kind"] == "CronJob") {
      EXPECT_LE(object["metadata"]["name"].get<std::string>().size(), 52u);
    }
  }
  EXPECT_NE(find_object(objects, "CronJob", name.substr(0, 52 - 17) + "-es-index-cleaner"), nullptr);
}

}  // namespace
}  // namespace peregrine::operator_test
