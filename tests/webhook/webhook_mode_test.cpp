// Webhook mode against the API test double, beyond the injection scenarios (injection_scenarios_test.cpp): the
// operator fills its certificate Secret and patches the caBundle of the MutatingWebhookConfiguration shipped in
// manifests/install.yaml, replicas share the Secret's certificates, no Secret at all keeps them in memory, the
// mounted (cert-manager) mode with hot reload, every API call the runtime makes is declared — and the real kubectl
// shows a user what the webhook says (its warnings) and what it did (the sidecar).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "operator/kube/base64.hpp"
#include "operator/webhook/ca_bundle_publisher.hpp"
#include "operator/webhook/webhook_api_calls.hpp"
#include "operator/webhook/webhook_runtime.hpp"
#include "tests/webhook/cluster_test_support.hpp"
#include "tests/kube-apiserver-double/https_client.hpp"

namespace peregrine::webhook_test {
namespace {

using operator_webhook::CertificateBundle;
using operator_webhook::kMutatingWebhookConfigurations;
using operator_webhook::WebhookRuntime;
using kubedouble::https_request;
using kubedouble::HttpsCallError;
using kubedouble::HttpsTarget;
using kubedouble::local_target;

class WebhookModeTest : public WebhookClusterTest {
 protected:
  void SetUp() override {
    WebhookClusterTest::SetUp();
    install_webhook_registration();
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

TEST_F(WebhookModeTest, ReplicasShareTheCertificatesOfTheSecret) {
  create_empty_secret();
  create_jaeger("simplest", "observability");
  WebhookRuntime& first = start_operator(options(true));
  WebhookRuntime& second = start_operator(options(true));
  ASSERT_TRUE(first.certificates() && second.certificates());
  EXPECT_EQ(*first.certificates(), *second.certificates());
  // Whichever replica the Service routes to, the API server's call verifies against the one published caBundle.
  int created = 0;
  for (const WebhookRuntime* runtime : {&first, &second}) {
    ASSERT_TRUE(eventually([&] { return knows_instance(*runtime, "simplest"); }));
    route_webhook_service({runtime->webhook_port()});
    const std::string name = "shop-" + std::to_string(++created);
    EXPECT_TRUE(has_agent(create_workload(annotated(name, "true")))) << name;
  }
  const AdmissionCounts counts = admission_counts();
  EXPECT_EQ(counts.calls, 2u);
  EXPECT_EQ(counts.failures, 0u) << counts.recent_failures.dump(2);
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
  ASSERT_TRUE(eventually([&] { return runtime.not_ready_reason().empty(); }));
  route_webhook_service({runtime.webhook_port()});
  runtime.start_reconciler();
  ASSERT_TRUE(eventually([&] { return runtime.reconciler_running(); }));
  // Injected by the webhook (the double calls it) — the calls the webhook makes while admitting are observed too.
  EXPECT_TRUE(has_agent(create_workload(annotated("shop", "true"))));
  // And one the reconciler has to explain with an Event.
  EXPECT_FALSE(has_agent(create_workload(annotated("cart", "nowhere"))));
  ASSERT_TRUE(eventually([&] { return !events("apps", "cart", "JaegerInstanceNotFound").empty(); }));
  EXPECT_EQ(admission_counts().failures, 0u);
  runtime.stop();

  kube::DeclaredApiCalls declared;
  operator_webhook::declare_webhook_api_calls(declared);
  ASSERT_FALSE(observed.list().empty());
  for (const auto& call : observed.list()) EXPECT_TRUE(declared.contains(call)) << call.to_string();
}

// What a user sees with the real kubectl: `kubectl apply` of an annotated Deployment stores it with the sidecar;
// one that names a missing instance is stored unchanged and kubectl prints the webhook's warning.
TEST_F(WebhookModeTest, KubectlShowsTheSidecarAndTheWebhooksWarning) {
  create_jaeger("simplest", "observability");
  WebhookRuntime& runtime = start_operator(options(true));
  ASSERT_TRUE(eventually([&] { return knows_instance(runtime, "simplest"); }));
  route_webhook_service({runtime.webhook_port()});

  const std::string good = cluster_->write_file("good.json", workload(annotated("shop", "true")).dump());
  const auto applied = cluster_->kubectl({"apply", "-f", good});
  ASSERT_EQ(applied.exit_code, 0) << applied.output;
  EXPECT_NE(applied.output.find("deployment.apps/shop created"), std::string::npos) << applied.output;
  const auto containers = cluster_->kubectl(
      {"get", "deployment", "shop", "-n", "apps", "-o", "jsonpath={.spec.template.spec.containers[*].name}"});
  EXPECT_EQ(containers.output, "shop jaeger-agent");

  const std::string missing = cluster_->write_file("missing.json", workload(annotated("cart", "nowhere")).dump());
  const auto warned = cluster_->kubectl({"apply", "-f", missing});
  ASSERT_EQ(warned.exit_code, 0) << warned.output;
  EXPECT_NE(warned.output.find("Warning: "), std::string::npos) << warned.output;
  EXPECT_NE(warned.output.find("nowhere"), std::string::npos) << warned.output;
  EXPECT_FALSE(workload_has_agent("Deployment", "apps", "cart"));
  EXPECT_EQ(admission_counts().failures, 0u);
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
