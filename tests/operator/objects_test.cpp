// Properties every rendered object shares (owner reference, managed-by label, namespace) and the
// ServiceAccount.
#include <gtest/gtest.h>

#include "render_test_support.hpp"

namespace peregrine::operator_test {
namespace {

const char* kEverything = R"(
apiVersion: jaegertracing.io/v1
kind: Jaeger
metadata:
  name: full
  namespace: tracing
  uid: 6c8f-uid
spec:
  strategy: streaming
  agent:
    strategy: DaemonSet
  ingress:
    hosts: [full.example.com]
  storage:
    type: elasticsearch
    options:
      es:
        server-urls: http://es:9200
        use-aliases: true
)";

TEST(RenderedObjects, EveryObjectIsOwnedLabelledAndNamespaced) {
  auto objects = render_yaml(kEverything);
  ASSERT_FALSE(objects.empty());
  for (const auto& object : objects) {
    SCOPED_TRACE(object["kind"].get<std::string>() + "/" + object["metadata"]["name"].get<std::string>());
    ASSERT_TRUE(object.contains("apiVersion"));
    const Json& meta = object["metadata"];
    EXPECT_EQ(meta["namespace"], "tracing");
    ASSERT_EQ(meta["ownerReferences"].size(), 1u);
    const Json& owner = meta["ownerReferences"][0];
    EXPECT_EQ(owner["apiVersion"], "jaegertracing.io/v1");
    EXPECT_EQ(owner["kind"], "Jaeger");
    EXPECT_EQ(owner["name"], "full");
    EXPECT_EQ(owner["uid"], "6c8f-uid");
    EXPECT_EQ(owner["controller"], true);
    EXPECT_EQ(meta["labels"]["app.kubernetes.io/managed-by"], "peregrine-operator");
    EXPECT_EQ(meta["labels"]["app.kubernetes.io/instance"], "full");
    EXPECT_EQ(meta["labels"]["app.kubernetes.io/part-of"], "jaeger");
    EXPECT_EQ(meta["labels"]["app"], "jaeger");
  }
}

TEST(RenderedObjects, StreamingObjectListInApplyOrder) {
  auto objects = render_yaml(kEverything);
  EXPECT_EQ(kinds_and_names(objects), (std::vector<std::string>{
                                          "ServiceAccount/full",
                                          "ConfigMap/full-sampling-configuration",
                                          "Job/full-es-rollover-create-mapping",
                                          "Service/full-collector-headless",
                                          "Service/full-collector",
                                          "Service/full-query",
                                          "Deployment/full-collector",
                                          "Deployment/full-query",
                                          "Deployment/full-ingester",
                                          "DaemonSet/full-agent-daemonset",
                                          "HorizontalPodAutoscaler/full-collector",
                                          "HorizontalPodAutoscaler/full-ingester",
                                          "Ingress/full-query",
                                          "CronJob/full-spark-dependencies",
                                          "CronJob/full-es-index-cleaner",
                                          "CronJob/full-es-rollover",
                                          "CronJob/full-es-lookback",
                                      }));
}

TEST(RenderedObjects, NamespaceFallsBackToTheContext) {
  auto context = test_context();
  context.default_namespace = "observability";
  auto objects = render_yaml("apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: fallback}\n", context);
  for (const auto& object : objects) EXPECT_EQ(object["metadata"]["namespace"], "observability");
}

TEST(ServiceAccount, AlwaysRenderedEvenWithACustomAccount) {
  auto objects = render_yaml(
      "apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: custom-serviceaccount}\nspec:\n"
      "  serviceAccount: customsa\n");
  Json account = get_object(objects, "ServiceAccount", "custom-serviceaccount");
  EXPECT_EQ(account["metadata"]["labels"]["app.kubernetes.io/component"], "service-account");
  EXPECT_EQ(get_object(objects, "Deployment", "custom-serviceaccount")["spec"]["template"]["spec"]["serviceAccountName"],
            "customsa");
}

TEST(RenderedObjects, InvalidCrRendersNothing) {
  auto outcome = operator_render::render_cr(
      parse_single_yaml("apiVersion: jaegertracing.io/v1\nkind: Jaeger\nmetadata: {name: x}\nspec:\n  storage:\n"
                        "    type: nosql\n"),
      test_context());
  EXPECT_FALSE(outcome.ok());
  EXPECT_TRUE(outcome.objects.empty());
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_NE(outcome.errors[0].find("spec.storage.type"), std::string::npos);
}

}  // namespace
}  // namespace peregrine::operator_test
