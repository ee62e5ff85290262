// Certificate rotation end to end, with a clock the test moves instead of waiting: the CertificateManager keeps
// the Secret in the API test double, the caBundle of the MutatingWebhookConfiguration and a TLS server in step
// as the serving certificate and then the CA come due — and an API-server-like client that trusts only the
// published caBundle keeps reaching the server throughout.
#include <gtest/gtest.h>

#include <atomic>

#include "operator/kube/base64.hpp"
#include "operator/webhook/ca_bundle_publisher.hpp"
#include "operator/webhook/certificate_manager.hpp"
#include "operator/webhook/tls_server.hpp"
#include "tests/webhook/cluster_test_support.hpp"
#include "tests/kube-apiserver-double/https_client.hpp"

namespace peregrine::webhook_test {

using kubedouble::https_request;
using kubedouble::HttpsTarget;
using kubedouble::local_target;
namespace {

using namespace operator_webhook;
using std::chrono::hours;

class CertificateManagerTest : public WebhookClusterTest {
 protected:
  // A webhook of the configuration whose caBundle the manager publishes (no rules: never called).
  static Json webhook_entry(const std::string& name) {
    return {{"name", name},
            {"sideEffects", "None"},
            {"admissionReviewVersions", {"v1"}},
            {"clientConfig", {{"service", {{"name", kServiceName}, {"namespace", kOperatorNamespace}}}}}};
  }

  void SetUp() override {
    WebhookClusterTest::SetUp();
    client_->create(kMutatingWebhookConfigurations, "",
                    {{"apiVersion", "admissionregistration.k8s.io/v1"},
                     {"kind", "MutatingWebhookConfiguration"},
                     {"metadata", {{"name", kConfigurationName}}},
                     {"webhooks", Json::array({webhook_entry("a.peregrine.example"), webhook_entry("b.peregrine.example")})}});
    client_->create(kube::resources::kSecrets, kOperatorNamespace,
                    {{"apiVersion", "v1"},
                     {"kind", "Secret"},
                     {"metadata", {{"name", kSecretName}, {"namespace", kOperatorNamespace}}},
                     {"data", {{"unrelated", kube::base64_encode("kept")}}}});
    TlsServerOptions server_options;
    server_options.bind_address = "127.0.0.1:0";
    server_ = std::make_unique<TlsServer>(server_options, [](const common::HttpRequest&) {
      return common::HttpResponse::text(200, "ok");
    });
  }

  CertificateManagerOptions manager_options() {
    CertificateManagerOptions options;
    options.settings.service_name = kServiceName;
    options.settings.service_namespace = kOperatorNamespace;
    options.settings.serving_validity = hours(24 * 30);
    options.settings.ca_validity = hours(24 * 300);
    options.secret_namespace = kOperatorNamespace;
    options.secret_name = kSecretName;
    options.webhook_configuration_name = kConfigurationName;
    options.clock = [this] { return now_.load(); };
    return options;
  }

  std::unique_ptr<CertificateManager> manager() {
    return std::make_unique<CertificateManager>(client_, manager_options(), [this](const CertificateBundle& bundle) {
      server_->set_certificate(bundle.serving_certificate());
      ++reloads_;
    });
  }

  std::vector<std::string> published_bundles() const {
    std::vector<std::string> bundles;
    const Json configuration = client_->get(kMutatingWebhookConfigurations, "", kConfigurationName);
    for (const auto& webhook : configuration["webhooks"]) {
      bundles.push_back(kube::base64_decode(webhook["clientConfig"].value("caBundle", "")));
    }
    return bundles;
  }

  CertificateBundle stored_bundle() const {
    return *bundle_from_secret(client_->get(kube::resources::kSecrets, kOperatorNamespace, kSecretName));
  }

  // What the API server does: trust exactly the published caBundle.
  int call_server() const {
    HttpsTarget target = local_target(server_->port(), std::string(kServiceName) + "." + kOperatorNamespace + ".svc",
                       published_bundles().front(), now_.load());
    return https_request(target, "GET", "/healthz").status;
  }

  std::atomic<SystemTime> now_{std::chrono::system_clock::now()};
  std::unique_ptr<TlsServer> server_;
  int reloads_ = 0;
};

TEST_F(CertificateManagerTest, RotatesTheServingCertificateThenTheCaKeepingClientsWorking) {
  auto certificates = manager();
  const CertificateSyncResult first = certificates->sync();
  EXPECT_EQ(first.action, RotationAction::RenewAll);
  EXPECT_TRUE(first.stored);
  EXPECT_TRUE(first.ca_bundle_published);
  EXPECT_TRUE(first.error.empty()) << first.error;
  server_->start();
  EXPECT_EQ(stored_bundle(), first.bundle);
  EXPECT_EQ(published_bundles(), std::vector<std::string>(2, first.bundle.ca_bundle_pem()));
  EXPECT_EQ(kube::base64_decode(client_->get(kube::resources::kSecrets, kOperatorNamespace, kSecretName)["data"]
                                    .value("unrelated", "")),
            "kept");
  EXPECT_EQ(call_server(), 200);

  // Nothing due: nothing written.
  const Json secret_before = client_->get(kube::resources::kSecrets, kOperatorNamespace, kSecretName);
  const CertificateSyncResult steady = certificates->sync();
  EXPECT_EQ(steady.action, RotationAction::Keep);
  EXPECT_FALSE(steady.stored);
  EXPECT_FALSE(steady.ca_bundle_published);
  EXPECT_EQ(client_->get(kube::resources::kSecrets, kOperatorNamespace, kSecretName)["metadata"]["resourceVersion"],
            secret_before["metadata"]["resourceVersion"]);

  // Serving certificate due: new leaf from the same CA, caBundle unchanged, server reloaded.
  now_ = now_.load() + hours(24 * 21);
  const CertificateSyncResult leaf = certificates->sync();
  EXPECT_EQ(leaf.action, RotationAction::IssueServing);
  EXPECT_EQ(leaf.bundle.ca_cert_pem, first.bundle.ca_cert_pem);
  EXPECT_NE(leaf.bundle.cert_pem, first.bundle.cert_pem);
  EXPECT_FALSE(leaf.ca_bundle_published);
  EXPECT_EQ(stored_bundle(), leaf.bundle);
  EXPECT_EQ(reloads_, 2);
  EXPECT_EQ(call_server(), 200);

  // CA due: new CA, the caBundle carries old and new, the server serves the new leaf.
  now_ = now_.load() + hours(24 * 190);
  const CertificateSyncResult ca = certificates->sync();
  EXPECT_EQ(ca.action, RotationAction::RenewAll);
  EXPECT_NE(ca.bundle.ca_cert_pem, first.bundle.ca_cert_pem);
  EXPECT_EQ(ca.bundle.previous_ca_cert_pem, first.bundle.ca_cert_pem);
  EXPECT_TRUE(ca.ca_bundle_published);
  EXPECT_EQ(published_bundles().front(), ca.bundle.ca_bundle_pem());
  EXPECT_EQ(reloads_, 3);
  EXPECT_EQ(call_server(), 200);
  HttpsTarget only_new = local_target(server_->port(), std::string(kServiceName) + "." + kOperatorNamespace + ".svc",
                       ca.bundle.ca_cert_pem, now_.load());
  EXPECT_EQ(https_request(only_new, "GET", "/healthz").status, 200);
}

TEST_F(CertificateManagerTest, AReplicaAdoptsWhatAnotherStored) {
  auto first = manager();
  const CertificateSyncResult created = first->sync();
  CertificateManager second(client_, manager_options(), {});
  const CertificateSyncResult adopted = second.sync();
  EXPECT_EQ(adopted.action, RotationAction::Keep);
  EXPECT_EQ(adopted.bundle, created.bundle);
  EXPECT_FALSE(adopted.stored);
}

TEST_F(CertificateManagerTest, ARenewalByAnotherReplicaIsPickedUp) {
  auto certificates = manager();
  certificates->sync();
  server_->start();
  // Another replica renews everything.
  const CertificateBundle renewed =
      rotate_bundle(stored_bundle(), RotationAction::RenewAll, manager_options().settings, now_.load());
  Json secret = client_->get(kube::resources::kSecrets, kOperatorNamespace, kSecretName);
  secret["data"] = secret_data(renewed);
  client_->update(kube::resources::kSecrets, kOperatorNamespace, secret);
  const CertificateSyncResult picked = certificates->sync();
  EXPECT_EQ(picked.bundle, renewed);
  EXPECT_EQ(published_bundles().front(), renewed.ca_bundle_pem());
  EXPECT_EQ(call_server(), 200);
}

TEST_F(CertificateManagerTest, BackgroundLoopRenewsWhenDue) {
  auto options = manager_options();
  options.resync_period = std::chrono::milliseconds(50);
  CertificateManager certificates(client_, options, [this](const CertificateBundle& bundle) {
    server_->set_certificate(bundle.serving_certificate());
  });
  const CertificateBundle first = certificates.sync().bundle;
  certificates.start();
  now_ = now_.load() + hours(24 * 25);
  EXPECT_TRUE(eventually([&] { return stored_bundle().cert_pem != first.cert_pem; }));
  certificates.stop();
}

}  // namespace
}  // namespace peregrine::webhook_test
