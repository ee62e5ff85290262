// End-to-end webhook mode against the API test double: the operator fills its certificate Secret and patches
// the MutatingWebhookConfiguration's caBundle; an API-server stand-in (ApiServerAdmission) reads that
// configuration from the double, calls the webhook over TLS verifying with the caBundle and the Service's DNS
// name on every create/update of a workload, applies the JSONPatch and stores the result — so the stored
// workloads gain and lose their sidecar exactly as they would in a cluster. Also: replicas sharing the Secret,
// no Secret at all, and the mounted (cert-manager) certificate mode with hot reload.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "operator/kube/base64.hpp"
#include "operator/webhook/ca_bundle_publisher.hpp"
#include "operator/webhook/webhook_api_calls.hpp"
#include "operator/webhook/webhook_runtime.hpp"
#include "tests/webhook/api_server_admission.hpp"
#include "tests/webhook/cluster_test_support.hpp"
#include "tests/webhook/https_test_client.hpp"

namespace peregrine::webhook_test {
namespace {

using operator_webhook::CertificateBundle;
using operator_webhook::kInjectAnnotation;
using operator_webhook::kMutatingWebhookConfigurations;
using operator_webhook::WebhookRuntime;

Json webhook_configuration() {
  return Json::parse(R"({
    "apiVersion": "admissionregistration.k8s.io/v1",
    "kind": "MutatingWebhookConfiguration",
    "metadata": {"name": "peregrine-operator"},
    "webhooks": [{
      "name": "sidecar-injector.peregrine.jaegertracing.io",
      "admissionReviewVersions": ["v1"],
      "sideEffects": "None",
      "failurePolicy": "Ignore",
      "timeoutSeconds": 5,
      "matchPolicy": "Equivalent",
      "clientConfig": {"service": {"name": "peregrine-operator-webhook", "namespace": "peregrine-system",
                                   "path": "/mutate-v1-deployment", "port": 443}},
      "rules": [{"apiGroups": ["apps"], "apiVersions": ["v1"], "operations": ["CREATE", "UPDATE"],
                 "resources": ["deployments", "statefulsets", "daemonsets"], "scope": "Namespaced"}]
    }]})");
}

class WebhookModeTest : public WebhookClusterTest {
 protected:
  void SetUp() override {
    WebhookClusterTest::SetUp();
    client_->create(kMutatingWebhookConfigurations, "", webhook_configuration());
  }

  void TearDown() override {
    for (auto& runtime : runtimes_) runtime->stop();
  }

  void create_empty_secret() {
    client_->create(kube::resources::kSecrets, kOperatorNamespace,
                    {{"apiVersion", "v1"},
                     {"kind", "Secret"},
                     {"metadata", {{"name", kSecretName}, {"namespace", kOperatorNamespace}}},
                     {"type", "Opaque"}});
  }

  WebhookRuntime& start_operator(operator_webhook::WebhookOptions runtime_options) {
    runtimes_.push_back(std::make_unique<WebhookRuntime>(client_, std::move(runtime_options)));
    WebhookRuntime& runtime = *runtimes_.back();
    runtime.start();
    EXPECT_TRUE(eventually([&] { return runtime.not_ready_reason().empty(); }));
    return runtime;
  }

  std::string published_ca_bundle() const {
    const Json configuration = client_->get(kMutatingWebhookConfigurations, "", kConfigurationName);
    return kube::base64_decode(configuration["webhooks"][0]["clientConfig"].value("caBundle", ""));
  }

  ApiServerAdmission api_server(const WebhookRuntime& runtime) const {
    return ApiServerAdmission(client_, {{std::string(kServiceName) + "." + kOperatorNamespace, runtime.webhook_port()}});
  }

  static WorkloadSpec annotated(const std::string& name, const std::string& value,
                                const std::string& kind = "Deployment") {
    WorkloadSpec spec;
    spec.kind = kind;
    spec.name = name;
    spec.ns = "apps";
    spec.annotations = {{kInjectAnnotation, value}};
    return spec;
  }

  bool knows_instance(const WebhookRuntime& runtime, const std::string& name) const {
    for (const auto& instance : runtime.context().jaeger_instances()) {
      if (instance.name == name) return true;
    }
    return false;
  }

  std::vector<std::unique_ptr<WebhookRuntime>> runtimes_;
};

TEST_F(WebhookModeTest, OperatorCertificatesAreStoredAndTheCaBundlePublished) {
  create_empty_secret();
  WebhookRuntime& runtime = start_operator(options(true));
  ASSERT_TRUE(runtime.certificates());
  const CertificateBundle bundle = *runtime.certificates();
  EXPECT_EQ(published_ca_bundle(), bundle.ca_bundle_pem());
  const auto stored = operator_webhook::bundle_from_secret(client_->get(kube::resources::kSecrets, kOperatorNamespace, kSecretName));
  ASSERT_TRUE(stored);
  EXPECT_EQ(*stored, bundle);
  const auto info = operator_webhook::inspect_certificate(bundle.cert_pem);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->not_after - info->not_before, std::chrono::hours(24 * 365) + std::chrono::minutes(5));

  HttpsTarget target = local_target(runtime.webhook_port(), "peregrine-operator-webhook.peregrine-system.svc",
                     published_ca_bundle());
  EXPECT_EQ(https_request(target, "GET", "/healthz").status, 200);
}

TEST_F(WebhookModeTest, CreateAndUpdateThroughTheWebhookAddAndRemoveTheSidecar) {
  create_empty_secret();
  create_jaeger("simplest", "observability");
  WebhookRuntime& runtime = start_operator(options(true));
  ASSERT_TRUE(eventually([&] { return knows_instance(runtime, "simplest"); }));
  ApiServerAdmission admission = api_server(runtime);

  const Json created = admission.create(kube::resources::kDeployments, "apps", workload(annotated("shop", "true")));
  EXPECT_TRUE(admission.failures().empty()) << admission.failures().front();
  EXPECT_EQ(admission.calls(), 1);
  EXPECT_TRUE(has_agent(created));
  const Json stored = get_workload("Deployment", "apps", "shop");
  EXPECT_TRUE(has_agent(stored));
  EXPECT_EQ(injected_label(stored), "simplest");

  // An update that keeps the annotation keeps the sidecar (the webhook sees the stored, defaulted sidecar).
  Json scaled = stored;
  scaled["spec"]["replicas"] = 3;
  EXPECT_TRUE(has_agent(admission.update(kube::resources::kDeployments, "apps", scaled)));

  Json without = get_workload("Deployment", "apps", "shop");
  without["metadata"]["annotations"].erase(kInjectAnnotation);
  const Json updated = admission.update(kube::resources::kDeployments, "apps", without);
  EXPECT_FALSE(has_agent(updated));
  EXPECT_FALSE(has_agent(get_workload("Deployment", "apps", "shop")));
  EXPECT_EQ(injected_label(get_workload("Deployment", "apps", "shop")), "");
  EXPECT_TRUE(admission.failures().empty());
}

TEST_F(WebhookModeTest, StatefulSetsAndDaemonSetsGoThroughTheWebhookToo) {
  create_empty_secret();
  create_jaeger("simplest", "observability");
  WebhookRuntime& runtime = start_operator(options(true));
  ASSERT_TRUE(eventually([&] { return knows_instance(runtime, "simplest"); }));
  ApiServerAdmission admission = api_server(runtime);
  admission.create(kube::resources::kStatefulSets, "apps", workload(annotated("db", "simplest", "StatefulSet")));
  admission.create(kube::resources::kDaemonSets, "apps", workload(annotated("node", "simplest", "DaemonSet")));
  EXPECT_TRUE(workload_has_agent("StatefulSet", "apps", "db"));
  EXPECT_TRUE(workload_has_agent("DaemonSet", "apps", "node"));
  EXPECT_TRUE(admission.failures().empty());
}

TEST_F(WebhookModeTest, RequestsThatCannotBeMetAreAllowedWithAWarning) {
  create_empty_secret();
  WebhookRuntime& runtime = start_operator(options(true));
  ApiServerAdmission admission = api_server(runtime);
  const Json created = admission.create(kube::resources::kDeployments, "apps", workload(annotated("shop", "missing")));
  EXPECT_FALSE(has_agent(created));
  ASSERT_FALSE(admission.warnings().empty());
  EXPECT_NE(admission.warnings().front().find("missing"), std::string::npos);
  EXPECT_TRUE(admission.failures().empty());
}

TEST_F(WebhookModeTest, TheReconcilerCompletesWhatTheWebhookCouldNot) {
  create_empty_secret();
  WebhookRuntime& runtime = start_operator(options(true));
  runtime.start_reconciler();
  ApiServerAdmission admission = api_server(runtime);
  admission.create(kube::resources::kDeployments, "apps", workload(annotated("shop", "true")));
  EXPECT_FALSE(workload_has_agent("Deployment", "apps", "shop"));
  // The instance comes after the workload: the reconciler injects (a real API server would call the webhook
  // again on that update; the double does not, which changes nothing here).
  create_jaeger("simplest", "observability");
  EXPECT_TRUE(eventually([&] { return workload_has_agent("Deployment", "apps", "shop"); }));
}

TEST_F(WebhookModeTest, ReplicasShareTheCertificatesOfTheSecret) {
  create_empty_secret();
  WebhookRuntime& first = start_operator(options(true));
  WebhookRuntime& second = start_operator(options(true));
  ASSERT_TRUE(first.certificates() && second.certificates());
  EXPECT_EQ(*first.certificates(), *second.certificates());
  for (const WebhookRuntime* runtime : {&first, &second}) {
    HttpsTarget target = local_target(runtime->webhook_port(), "peregrine-operator-webhook.peregrine-system.svc",
                       published_ca_bundle());
    EXPECT_EQ(https_request(target, "GET", "/healthz").status, 200);
  }
}

TEST_F(WebhookModeTest, WithoutTheSecretCertificatesLiveInMemory) {
  WebhookRuntime& runtime = start_operator(options(true));
  ASSERT_TRUE(runtime.certificates());
  EXPECT_EQ(published_ca_bundle(), runtime.certificates()->ca_bundle_pem());
  EXPECT_FALSE(client_->get_if_exists(kube::resources::kSecrets, kOperatorNamespace, kSecretName));
  HttpsTarget target = local_target(runtime.webhook_port(), "peregrine-operator-webhook.peregrine-system.svc",
                     published_ca_bundle());
  EXPECT_EQ(https_request(target, "GET", "/healthz").status, 200);
}

TEST_F(WebhookModeTest, EveryApiCallMadeIsDeclared) {
  create_empty_secret();
  create_jaeger("simplest", "observability");
  kube::DeclaredApiCalls observed;
  auto operator_client = std::make_shared<kube::RestClient>(cluster_->client_config());
  operator_client->set_observed_calls(&observed);
  runtimes_.push_back(std::make_unique<WebhookRuntime>(operator_client, options(true)));
  WebhookRuntime& runtime = *runtimes_.back();
  runtime.start();
  runtime.start_reconciler();
  ASSERT_TRUE(eventually([&] { return runtime.reconciler_running(); }));
  create_workload(annotated("shop", "true"));
  ASSERT_TRUE(eventually([&] { return workload_has_agent("Deployment", "apps", "shop"); }));
  ASSERT_TRUE(eventually([&] { return !events("apps", "shop", "SidecarInjected").empty(); }));
  runtime.stop();

  kube::DeclaredApiCalls declared;
  operator_webhook::declare_webhook_api_calls(declared);
  ASSERT_FALSE(observed.list().empty());
  for (const auto& call : observed.list()) EXPECT_TRUE(declared.contains(call)) << call.to_string();
}

TEST(WebhookApiCalls, NamespaceScopedModeReadsNamespacesWithGet) {
  kube::DeclaredApiCalls declared;
  operator_webhook::declare_webhook_api_calls(declared);
  EXPECT_TRUE(declared.contains({"get", "", "namespaces", ""}));
  EXPECT_TRUE(declared.contains({"patch", "apps", "statefulsets", ""}));
  EXPECT_TRUE(declared.contains({"patch", "admissionregistration.k8s.io", "mutatingwebhookconfigurations", ""}));
  EXPECT_FALSE(declared.contains({"create", "", "secrets", ""}));
}

class MountedCertificateTest : public WebhookModeTest {
 protected:
  void SetUp() override {
    WebhookModeTest::SetUp();
    dir_ = (std::filesystem::temp_directory_path() / ("webhook-certs-" + std::to_string(::getpid()) + "-" +
                                                       ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    WebhookModeTest::TearDown();
    std::filesystem::remove_all(dir_);
  }

  CertificateBundle write_certificates() const {
    operator_webhook::CertificateSettings settings;
    settings.service_name = kServiceName;
    settings.service_namespace = kOperatorNamespace;
    const CertificateBundle bundle = operator_webhook::rotate_bundle(
        std::nullopt, operator_webhook::RotationAction::RenewAll, settings, std::chrono::system_clock::now());
    // Written next to the files and renamed over them, as the kubelet swaps Secret volume contents.
    for (const auto& [name, text] : {std::pair<std::string, std::string>{"tls.crt", bundle.cert_pem},
                                     std::pair<std::string, std::string>{"tls.key", bundle.key_pem}}) {
      std::ofstream(dir_ + "/." + name) << text;
      std::filesystem::rename(dir_ + "/." + name, dir_ + "/" + name);
    }
    return bundle;
  }

  std::string dir_;
};

TEST_F(MountedCertificateTest, ServesTheMountedCertificateAndReloadsItWhenRenewed) {
  const CertificateBundle first = write_certificates();
  auto runtime_options = options(true);
  runtime_options.cert_mode = operator_webhook::CertificateMode::Mounted;
  runtime_options.cert_dir = dir_;
  WebhookRuntime& runtime = start_operator(runtime_options);
  EXPECT_FALSE(runtime.certificates());
  HttpsTarget target = local_target(runtime.webhook_port(), "peregrine-operator-webhook.peregrine-system.svc",
                     first.ca_bundle_pem());
  EXPECT_EQ(https_request(target, "GET", "/healthz").status, 200);
  // The operator does not touch the caBundle in this mode (cert-manager's CA injector does).
  EXPECT_EQ(published_ca_bundle(), "");

  const CertificateBundle second = write_certificates();
  target.ca_bundle_pem = second.ca_bundle_pem();
  EXPECT_TRUE(eventually([&] {
    try {
      return https_request(target, "GET", "/healthz").status == 200;
    } catch (const HttpsCallError&) {
      return false;
    }
  }));
}

TEST_F(MountedCertificateTest, MissingFilesStopTheStart) {
  auto runtime_options = options(true);
  runtime_options.cert_mode = operator_webhook::CertificateMode::Mounted;
  runtime_options.cert_dir = dir_ + "/absent";
  WebhookRuntime runtime(client_, runtime_options);
  EXPECT_THROW(runtime.start(), std::runtime_error);
  runtime.stop();
}

}  // namespace
}  // namespace peregrine::webhook_test
