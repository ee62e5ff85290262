// Every Jaeger CR in the reference examples (shared/reference/jaeger-operator-examples) and in the seed
// fixtures renders; simplest.yaml and simple-prod.yaml are checked object by object.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "operator/api/parse.hpp"
#include "render_test_support.hpp"

namespace peregrine::operator_test {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::vector<Json> jaeger_documents(const fs::path& path) {
  auto parsed = operator_api::parse_yaml_documents(read_file(path));
  EXPECT_TRUE(parsed.ok()) << path << ": " << parsed.error;
  std::vector<Json> jaegers;
  for (const auto& document : parsed.documents) {
    if (operator_api::is_jaeger_document(document)) jaegers.push_back(document);
  }
  return jaegers;
}

// Renders every Jaeger CR of every YAML file in `dir`; returns how many rendered.
int render_directory(const fs::path& dir) {
  int rendered = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    for (const auto& document : jaeger_documents(entry.path())) {
      auto outcome = operator_render::render_cr(document, test_context());
      for (const auto& error : outcome.errors) ADD_FAILURE() << entry.path() << ": " << error;
      EXPECT_FALSE(outcome.objects.empty()) << entry.path();
      rendered += outcome.ok() ? 1 : 0;
    }
  }
  return rendered;
}

std::vector<Json> render_example(const std::string& file) {
  auto documents = jaeger_documents(fs::path(PEREGRINE_OPERATOR_EXAMPLES_DIR) / file);
  if (documents.size() != 1) {
    ADD_FAILURE() << file << " should hold exactly one Jaeger";
    return {};
  }
  auto outcome = operator_render::render_cr(documents.front(), test_context());
  for (const auto& error : outcome.errors) ADD_FAILURE() << error;
  return outcome.objects;
}

TEST(ReferenceExamples, EveryJaegerRenders) {
  // 29 example files, of which 4 hold no Jaeger (plain workloads showing sidecar injection)
  EXPECT_EQ(render_directory(PEREGRINE_OPERATOR_EXAMPLES_DIR), 25);
}

TEST(SeedFixtures, EveryJaegerRenders) { EXPECT_EQ(render_directory(PEREGRINE_OPERATOR_FIXTURES_DIR), 5); }

TEST(ReferenceExamples, Simplest) {
  auto objects = render_example("simplest.yaml");
  EXPECT_EQ(kinds_and_names(objects), (std::vector<std::string>{
                                          "ServiceAccount/simplest",
                                          "ConfigMap/simplest-sampling-configuration",
                                          "Service/simplest-collector-headless",
                                          "Service/simplest-collector",
                                          "Service/simplest-query",
                                          "Service/simplest-agent",
                                          "Deployment/simplest",
                                          "Ingress/simplest-query",
                                      }));
  Json deployment = get_object(objects, "Deployment", "simplest");
  EXPECT_EQ(deployment["metadata"]["namespace"], "default");
  Json selector = deployment["spec"]["selector"]["matchLabels"];
  EXPECT_EQ(selector, (Json{{"app", "jaeger"},
                            {"app.kubernetes.io/component", "all-in-one"},
                            {"app.kubernetes.io/instance", "simplest"},
                            {"app.kubernetes.io/managed-by", "peregrine-operator"},
                            {"app.kubernetes.io/name", "simplest"},
                            {"app.kubernetes.io/part-of", "jaeger"}}));
  Json container = first_container(deployment);
  EXPECT_EQ(container["image"], "peregrine/all-in-one:1.2.3");
  EXPECT_EQ(strings_of(container["args"]),
            std::vector<std::string>{"--sampling.strategies-file=/etc/jaeger/sampling/sampling.json"});
  EXPECT_EQ(container["env"], Json::parse(R"([
    {"name": "SPAN_STORAGE_TYPE", "value": "memory"},
    {"name": "METRICS_STORAGE_TYPE"},
    {"name": "COLLECTOR_ZIPKIN_HOST_PORT", "value": ":9411"},
    {"name": "JAEGER_DISABLED", "value": "false"},
    {"name": "COLLECTOR_OTLP_ENABLED", "value": "true"}])"));
  EXPECT_EQ(container["livenessProbe"], Json::parse(R"({"httpGet": {"path": "/", "port": 14269},
    "initialDelaySeconds": 5, "periodSeconds": 15, "failureThreshold": 5})"));
  EXPECT_EQ(get_object(objects, "Ingress", "simplest-query")["spec"],
            Json::parse(R"({"defaultBackend": {"service": {"name": "simplest-query", "port": {"number": 16686}}}})"));
}

TEST(ReferenceExamples, SimpleProd) {
  auto objects = render_example("simple-prod.yaml");
  EXPECT_EQ(kinds_and_names(objects), (std::vector<std::string>{
                                          "ServiceAccount/simple-prod",
                                          "ConfigMap/simple-prod-sampling-configuration",
                                          "Service/simple-prod-collector-headless",
                                          "Service/simple-prod-collector",
                                          "Service/simple-prod-query",
                                          "Deployment/simple-prod-collector",
                                          "Deployment/simple-prod-query",
                                          "HorizontalPodAutoscaler/simple-prod-collector",
                                          "Ingress/simple-prod-query",
                                          "CronJob/simple-prod-spark-dependencies",
                                          "CronJob/simple-prod-es-index-cleaner",
                                      }));
  Json collector = first_container(get_object(objects, "Deployment", "simple-prod-collector"));
  EXPECT_EQ(collector["image"], "peregrine/collector:1.2.3");
  EXPECT_EQ(strings_of(collector["args"]),
            (std::vector<std::string>{"--es.server-urls=http://elasticsearch.default.svc:9200",
                                      "--sampling.strategies-file=/etc/jaeger/sampling/sampling.json"}));
  EXPECT_EQ(env_value(collector, "SPAN_STORAGE_TYPE"), "elasticsearch");
  Json query = first_container(get_object(objects, "Deployment", "simple-prod-query"));
  EXPECT_EQ(strings_of(query["args"]),
            std::vector<std::string>{"--es.server-urls=http://elasticsearch.default.svc:9200"});
  Json cleaner = first_container(get_object(objects, "CronJob", "simple-prod-es-index-cleaner"));
  EXPECT_EQ(strings_of(cleaner["args"]), (std::vector<std::string>{"7", "http://elasticsearch.default.svc:9200"}));
  Json hpa = get_object(objects, "HorizontalPodAutoscaler", "simple-prod-collector");
  EXPECT_EQ(hpa["spec"]["maxReplicas"], 100);
  Json collector_service = get_object(objects, "Service", "simple-prod-collector");
  EXPECT_EQ(collector_service["spec"]["selector"]["app.kubernetes.io/name"], "simple-prod-collector");
}

TEST(SeedFixtures, McpJaegerKeepsExplicitCollectorAndAgentSettings) {
  auto documents = jaeger_documents(fs::path(PEREGRINE_OPERATOR_FIXTURES_DIR) / "seed-002-mcp-jaeger.yaml");
  ASSERT_EQ(documents.size(), 1u);
  auto outcome = operator_render::render_cr(documents.front(), test_context());
  ASSERT_TRUE(outcome.ok());
  const auto& objects = outcome.objects;
  Json collector = get_object(objects, "Deployment", "mcp-jaeger-collector");
  EXPECT_EQ(collector["metadata"]["namespace"], "tracing");
  EXPECT_EQ(collector["spec"]["replicas"], 3);
  EXPECT_EQ(find_object(objects, "HorizontalPodAutoscaler", "mcp-jaeger-collector"), nullptr);
  Json container = first_container(collector);
  EXPECT_EQ(container["image"], "jaegertracing/jaeger-collector:1.50");
  EXPECT_EQ(env_value(container, "COLLECTOR_OTLP_ENABLED"), "<unset>");  // set explicitly via options
  EXPECT_EQ(container["ports"].size(), 7u);
  Json agent = first_container(get_object(objects, "DaemonSet", "mcp-jaeger-agent-daemonset"));
  bool explicit_reporter = false;
  for (const auto& arg : agent["args"]) {
    explicit_reporter = explicit_reporter || arg == "--reporter.grpc.host-port=mcp-jaeger-collector.tracing.svc:14250";
  }
  EXPECT_TRUE(explicit_reporter);
  Json ingress = get_object(objects, "Ingress", "mcp-jaeger-query");
  EXPECT_EQ(ingress["metadata"]["annotations"]["cert-manager.io/cluster-issuer"], "letsencrypt-prod");
  EXPECT_EQ(ingress["spec"]["rules"][0]["host"], "jaeger.mcp.internal");
}

}  // namespace
}  // namespace peregrine::operator_test
