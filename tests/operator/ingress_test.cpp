// Query Ingress: default backend, disabled, hosts, pathType, TLS, class name, base path.
#include <gtest/gtest.h>

#include "render_test_support.hpp"

namespace peregrine::operator_test {
namespace {

std::string cr(const std::string& spec) {
  return "apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: ing}\nspec:\n" + spec;
}

TEST(QueryIngress, DefaultBackendWithoutHostsOrPath) {
  auto objects = render_yaml(cr("  {}\n"));
  Json ingress = get_object(objects, "Ingress", "ing-query");
  EXPECT_EQ(ingress["apiVersion"], "networking.k8s.io/v1");
  EXPECT_EQ(ingress["spec"]["defaultBackend"]["service"]["name"], "ing-query");
  EXPECT_EQ(ingress["spec"]["defaultBackend"]["service"]["port"]["number"], 16686);
  EXPECT_FALSE(ingress["spec"].contains("rules"));
  EXPECT_EQ(ingress["metadata"]["labels"]["app.kubernetes.io/component"], "query-ingress");
}

TEST(QueryIngress, DisabledRendersNothing) {
  auto objects = render_yaml(cr("  ingress:\n    enabled: false\n"));
  EXPECT_EQ(find_object(objects, "Ingress", "ing-query"), nullptr);
}

TEST(QueryIngress, HostsAnnotationsPathTypeAndClass) {
  auto objects = render_yaml(cr(R"(  ingress:
    enabled: true
    pathType: Prefix
    ingressClassName: nginx
    hosts: [a.example.com, b.example.com]
    annotations:
      kubernetes.io/ingress.class: nginx
)"));
  Json ingress = get_object(objects, "Ingress", "ing-query");
  const Json& rules = ingress["spec"]["rules"];
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0]["host"], "a.example.com");
  EXPECT_EQ(rules[1]["host"], "b.example.com");
  const Json& path = rules[0]["http"]["paths"][0];
  EXPECT_EQ(path["pathType"], "Prefix");
  EXPECT_EQ(path["path"], "/");  // Prefix paths must be absolute
  EXPECT_EQ(path["backend"]["service"]["name"], "ing-query");
  EXPECT_EQ(ingress["spec"]["ingressClassName"], "nginx");
  EXPECT_EQ(ingress["metadata"]["annotations"]["kubernetes.io/ingress.class"], "nginx");
}

TEST(QueryIngress, ImplementationSpecificByDefaultAndBasePathFromAllInOne) {
  auto objects = render_yaml(cr("  allInOne:\n    options:\n      query:\n        base-path: /jaeger\n"));
  Json ingress = get_object(objects, "Ingress", "ing-query");
  const Json& path = ingress["spec"]["rules"][0]["http"]["paths"][0];
  EXPECT_EQ(path["path"], "/jaeger");
  EXPECT_EQ(path["pathType"], "ImplementationSpecific");
  EXPECT_FALSE(ingress["spec"]["rules"][0].contains("host"));
}

TEST(QueryIngress, BasePathFromQueryInProduction) {
  auto objects = render_yaml(cr(
      "  strategy: production\n  storage: {type: elasticsearch}\n  query:\n    options:\n      query.base-path: /q\n"
      "  ingress:\n    hosts: [h.example.com]\n"));
  Json ingress = get_object(objects, "Ingress", "ing-query");
  EXPECT_EQ(ingress["spec"]["rules"][0]["http"]["paths"][0]["path"], "/q");
}

TEST(QueryIngress, TlsAndDeprecatedSecretName) {
  auto objects = render_yaml(cr(R"(  ingress:
    hosts: [jaeger.example.com]
    tls:
    - hosts: [jaeger.example.com]
      secretName: jaeger-tls
    secretName: ignored-when-tls-is-set
)"));
  Json ingress = get_object(objects, "Ingress", "ing-query");
  ASSERT_EQ(ingress["spec"]["tls"].size(), 1u);
  EXPECT_EQ(ingress["spec"]["tls"][0]["secretName"], "jaeger-tls");
  EXPECT_EQ(ingress["spec"]["tls"][0]["hosts"][0], "jaeger.example.com");

  auto legacy = render_yaml(cr("  ingress:\n    secretName: legacy-tls\n"));
  EXPECT_EQ(get_object(legacy, "Ingress", "ing-query")["spec"]["tls"][0]["secretName"], "legacy-tls");
}

}  // namespace
}  // namespace peregrine::operator_test
