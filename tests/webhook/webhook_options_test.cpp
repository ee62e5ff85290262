// Webhook flags as the Helm chart and manifests pass them, their aliases, bad values, and the environment.
#include <gtest/gtest.h>

#include <map>

#include "operator/webhook/webhook_options.hpp"

namespace peregrine::operator_webhook {
namespace {

TEST(WebhookOptions, DefaultsMatchTheManifests) {
  const WebhookOptions options;
  EXPECT_TRUE(options.webhook_enabled);
  EXPECT_EQ(options.bind_address, ":9443");
  EXPECT_EQ(options.cert_mode, CertificateMode::Operator);
  EXPECT_EQ(options.cert_dir, "/tmp/k8s-webhook-server/serving-certs");
  EXPECT_EQ(options.service_name, "peregrine-operator-webhook");
  EXPECT_EQ(options.configuration_name, "peregrine-operator");
  EXPECT_EQ(options.secret_name, "peregrine-operator-webhook-cert");
  EXPECT_EQ(options.cert_validity_days, 365);
}

TEST(WebhookOptions, ChartFlagsAreTakenAndTheRestIsKept) {
  const auto extracted = extract_webhook_flags(
      {"--health-probe-bind-address=:8081", "--webhook-bind-port=9443", "--webhook-cert-dir=/certs",
       "--webhook-service-name=svc", "--webhook-configuration-name=cfg", "--webhook-cert-mode=mounted",
       "--webhook-secret-name=sec", "--webhook-cert-validity-days=30", "--leader-elect", "--injection-workers", "4"});
  ASSERT_EQ(extracted.error, "");
  EXPECT_EQ(extracted.remaining, (std::vector<std::string>{"--health-probe-bind-address=:8081", "--leader-elect"}));
  const WebhookOptions& options = extracted.options;
  EXPECT_EQ(options.bind_address, ":9443");
  EXPECT_EQ(options.cert_dir, "/certs");
  EXPECT_EQ(options.service_name, "svc");
  EXPECT_EQ(options.configuration_name, "cfg");
  EXPECT_EQ(options.cert_mode, CertificateMode::Mounted);
  EXPECT_EQ(options.secret_name, "sec");
  EXPECT_EQ(options.cert_validity_days, 30);
  EXPECT_EQ(options.injection_workers, 4);
}

TEST(WebhookOptions, EnableAndDisableSpellings) {
  EXPECT_FALSE(extract_webhook_flags({"--webhook-enabled=false"}).options.webhook_enabled);
  EXPECT_FALSE(extract_webhook_flags({"--disable-webhook"}).options.webhook_enabled);
  EXPECT_FALSE(extract_webhook_flags({"--enable-webhook=false"}).options.webhook_enabled);
  EXPECT_TRUE(extract_webhook_flags({"--disable-webhook", "--enable-webhook"}).options.webhook_enabled);
  EXPECT_TRUE(extract_webhook_flags({"--webhook-enabled"}).options.webhook_enabled);
}

TEST(WebhookOptions, AliasesAndSpaceSeparatedValues) {
  const auto extracted =
      extract_webhook_flags({"--webhook-bind-address", "127.0.0.1:0", "--webhook-config-name", "other"});
  ASSERT_EQ(extracted.error, "");
  EXPECT_EQ(extracted.options.bind_address, "127.0.0.1:0");
  EXPECT_EQ(extracted.options.configuration_name, "other");
  EXPECT_TRUE(extracted.remaining.empty());
}

TEST(WebhookOptions, BadValuesAreErrors) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--webhook-bind-port=http"}, {"--webhook-bind-port=70000"},
        {"--webhook-cert-mode=vault"}, {"--webhook-cert-validity-days=0"}, {"--webhook-enabled=maybe"},
        {"--webhook-bind-address=9443"}, {"--webhook-secret-name="}, {"--webhook-service-name"}}) {
    EXPECT_NE(extract_webhook_flags(args).error, "") << args.front();
  }
}

TEST(WebhookOptions, EnvironmentGivesNamespaceReporterAndWatchedNamespaces) {
  const std::map<std::string, std::string> env{
      {"POD_NAMESPACE", "peregrine-system"}, {"POD_NAME", "operator-0"}, {"WATCH_NAMESPACE", "a, b,a"}};
  WebhookOptions options;
  apply_webhook_environment(options, [&](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  });
  EXPECT_EQ(options.operator_namespace, "peregrine-system");
  EXPECT_EQ(options.reporting_instance, "operator-0");
  EXPECT_EQ(options.watch_namespaces, (std::vector<std::string>{"a", "b"}));
}

TEST(WebhookOptions, CertificateSettingsFollowTheOptions) {
  WebhookOptions options;
  options.operator_namespace = "ops";
  options.cert_validity_days = 10;
  const CertificateSettings settings = options.certificate_settings();
  EXPECT_EQ(settings.serving_validity, std::chrono::hours(240));
  EXPECT_EQ(settings.ca_validity, std::chrono::hours(2400));
  EXPECT_EQ(settings.dns_names()[2], "peregrine-operator-webhook.ops.svc");
}

}  // namespace
}  // namespace peregrine::operator_webhook
