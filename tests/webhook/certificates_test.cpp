// The operator's own certificates: CA and serving certificate contents, the renewal plan at chosen points in
// time (no waiting), the previous CA kept in the caBundle across a CA renewal, Secret round trips, and the
// caBundle patch of the MutatingWebhookConfiguration.
#include <gtest/gtest.h>

#include "operator/kube/base64.hpp"
#include "operator/webhook/ca_bundle_publisher.hpp"
#include "operator/webhook/certificate_rotation.hpp"

namespace peregrine::operator_webhook {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

CertificateSettings test_settings() {
  CertificateSettings settings;
  settings.service_name = "peregrine-operator-webhook";
  settings.service_namespace = "peregrine-system";
  settings.serving_validity = hours(24 * 30);
  settings.ca_validity = hours(24 * 300);
  return settings;
}

const SystemTime kStart = std::chrono::system_clock::from_time_t(1'700'000'000);

TEST(Certificates, CaAndServingCertificateHaveTheExpectedShape) {
  const auto settings = test_settings();
  const CertificateBundle bundle = rotate_bundle(std::nullopt, RotationAction::RenewAll, settings, kStart);
  const auto ca = inspect_certificate(bundle.ca_cert_pem);
  ASSERT_TRUE(ca);
  EXPECT_TRUE(ca->is_ca);
  EXPECT_EQ(ca->not_after, kStart + settings.ca_validity);
  EXPECT_LE(ca->not_before, kStart);

  const auto serving = inspect_certificate(bundle.cert_pem);
  ASSERT_TRUE(serving);
  EXPECT_FALSE(serving->is_ca);
  EXPECT_EQ(serving->not_after, kStart + settings.serving_validity);
  EXPECT_EQ(serving->dns_names, (std::vector<std::string>{
                                    "peregrine-operator-webhook", "peregrine-operator-webhook.peregrine-system",
                                    "peregrine-operator-webhook.peregrine-system.svc",
                                    "peregrine-operator-webhook.peregrine-system.svc.cluster.local"}));
  EXPECT_TRUE(certificate_signed_by(bundle.cert_pem, bundle.ca_cert_pem));
  EXPECT_TRUE(key_matches_certificate(bundle.key_pem, bundle.cert_pem));
  EXPECT_TRUE(key_matches_certificate(bundle.ca_key_pem, bundle.ca_cert_pem));
  EXPECT_FALSE(key_matches_certificate(bundle.key_pem, bundle.ca_cert_pem));
  EXPECT_TRUE(bundle.previous_ca_cert_pem.empty());
  EXPECT_NE(bundle.key_pem.find("BEGIN PRIVATE KEY"), std::string::npos);
}

TEST(Certificates, RsaKeysWorkToo) {
  auto settings = test_settings();
  settings.key_algorithm = KeyAlgorithm::Rsa2048;
  const CertificateBundle bundle = rotate_bundle(std::nullopt, RotationAction::RenewAll, settings, kStart);
  EXPECT_TRUE(certificate_signed_by(bundle.cert_pem, bundle.ca_cert_pem));
  EXPECT_TRUE(key_matches_certificate(bundle.key_pem, bundle.cert_pem));
  EXPECT_EQ(plan_rotation(bundle, settings, kStart).action, RotationAction::Keep);
}

TEST(Certificates, ServingCertificateNeverOutlivesItsCa) {
  const IssuedCertificate ca = create_certificate_authority("ca", hours(10), kStart);
  const IssuedCertificate leaf = issue_serving_certificate(ca, "svc", {"svc"}, hours(100), kStart);
  EXPECT_EQ(inspect_certificate(leaf.cert_pem)->not_after, kStart + hours(10));
}

TEST(Certificates, ForeignCertificateIsNotSignedByTheCa) {
  const IssuedCertificate ca = create_certificate_authority("ca", hours(10), kStart);
  const IssuedCertificate other = create_certificate_authority("ca", hours(10), kStart);
  const IssuedCertificate leaf = issue_serving_certificate(other, "svc", {"svc"}, hours(1), kStart);
  EXPECT_FALSE(certificate_signed_by(leaf.cert_pem, ca.cert_pem));
  EXPECT_FALSE(certificate_signed_by("garbage", ca.cert_pem));
  EXPECT_FALSE(inspect_certificate("garbage"));
}

TEST(CertificateRotation, NothingYetMeansANewCa) {
  EXPECT_EQ(plan_rotation(std::nullopt, test_settings(), kStart).action, RotationAction::RenewAll);
}

TEST(CertificateRotation, FreshCertificatesAreKeptUntilTheServingRenewalWindow) {
  const auto settings = test_settings();
  const CertificateBundle bundle = rotate_bundle(std::nullopt, RotationAction::RenewAll, settings, kStart);
  EXPECT_EQ(plan_rotation(bundle, settings, kStart).action, RotationAction::Keep);
  EXPECT_EQ(plan_rotation(bundle, settings, kStart + hours(24 * 19)).action, RotationAction::Keep);
  // A third of 30 days left: renew the serving certificate only.
  EXPECT_EQ(plan_rotation(bundle, settings, kStart + hours(24 * 21)).action, RotationAction::IssueServing);
  EXPECT_EQ(renewal_due(bundle, settings, kStart), kStart + hours(24 * 20));
}

TEST(CertificateRotation, ServingRenewalKeepsTheCa) {
  const auto settings = test_settings();
  const CertificateBundle first = rotate_bundle(std::nullopt, RotationAction::RenewAll, settings, kStart);
  const SystemTime later = kStart + hours(24 * 25);
  const CertificateBundle second = rotate_bundle(first, RotationAction::IssueServing, settings, later);
  EXPECT_EQ(second.ca_cert_pem, first.ca_cert_pem);
  EXPECT_EQ(second.ca_key_pem, first.ca_key_pem);
  EXPECT_NE(second.cert_pem, first.cert_pem);
  EXPECT_EQ(second.ca_bundle_pem(), first.ca_bundle_pem());
  EXPECT_EQ(inspect_certificate(second.cert_pem)->not_after, later + settings.serving_validity);
  EXPECT_EQ(plan_rotation(second, settings, later).action, RotationAction::Keep);
}

TEST(CertificateRotation, CaRenewalKeepsThePreviousCaInTheBundleUntilItExpires) {
  const auto settings = test_settings();
  const CertificateBundle first = rotate_bundle(std::nullopt, RotationAction::RenewAll, settings, kStart);
  const SystemTime ca_due = kStart + hours(24 * 201);
  EXPECT_EQ(plan_rotation(first, settings, ca_due).action, RotationAction::RenewAll);
  const CertificateBundle second = rotate_bundle(first, RotationAction::RenewAll, settings, ca_due);
  EXPECT_NE(second.ca_cert_pem, first.ca_cert_pem);
  EXPECT_EQ(second.previous_ca_cert_pem, first.ca_cert_pem);
  EXPECT_NE(second.ca_bundle_pem().find(first.ca_cert_pem), std::string::npos);
  EXPECT_NE(second.ca_bundle_pem().find(second.ca_cert_pem), std::string::npos);
  EXPECT_TRUE(certificate_signed_by(second.cert_pem, second.ca_cert_pem));

  // Once the old CA has expired, the next issuance drops it.
  const SystemTime after_old_ca = kStart + hours(24 * 301);
  const CertificateBundle third = rotate_bundle(second, RotationAction::IssueServing, settings, after_old_ca);
  EXPECT_TRUE(third.previous_ca_cert_pem.empty());
}

TEST(CertificateRotation, RenamedServiceNeedsANewServingCertificate) {
  auto settings = test_settings();
  const CertificateBundle bundle = rotate_bundle(std::nullopt, RotationAction::RenewAll, settings, kStart);
  settings.service_name = "renamed";
  EXPECT_EQ(plan_rotation(bundle, settings, kStart).action, RotationAction::IssueServing);
}

TEST(CertificateRotation, BrokenPiecesAreReplaced) {
  const auto settings = test_settings();
  const CertificateBundle good = rotate_bundle(std::nullopt, RotationAction::RenewAll, settings, kStart);
  CertificateBundle broken = good;
  broken.cert_pem = "garbage";
  EXPECT_EQ(plan_rotation(broken, settings, kStart).action, RotationAction::IssueServing);
  broken = good;
  broken.key_pem = good.ca_key_pem;
  EXPECT_EQ(plan_rotation(broken, settings, kStart).action, RotationAction::IssueServing);
  broken = good;
  broken.ca_key_pem = good.key_pem;
  EXPECT_EQ(plan_rotation(broken, settings, kStart).action, RotationAction::RenewAll);
  broken = good;
  broken.ca_cert_pem = "garbage";
  EXPECT_EQ(plan_rotation(broken, settings, kStart).action, RotationAction::RenewAll);
  const CertificateBundle other = rotate_bundle(std::nullopt, RotationAction::RenewAll, settings, kStart);
  broken = good;
  broken.cert_pem = other.cert_pem;
  broken.key_pem = other.key_pem;
  EXPECT_EQ(plan_rotation(broken, settings, kStart).action, RotationAction::IssueServing);
}

TEST(CertificateRotation, ShortCaValidityIsRaisedToTheServingValidity) {
  auto settings = test_settings();
  settings.ca_validity = hours(1);
  const CertificateBundle bundle = rotate_bundle(std::nullopt, RotationAction::RenewAll, settings, kStart);
  EXPECT_EQ(inspect_certificate(bundle.ca_cert_pem)->not_after, kStart + settings.serving_validity);
  EXPECT_EQ(plan_rotation(bundle, settings, kStart).action, RotationAction::Keep);
}

TEST(CertificateBundleSecret, RoundTripsThroughSecretData) {
  const auto settings = test_settings();
  const CertificateBundle first = rotate_bundle(std::nullopt, RotationAction::RenewAll, settings, kStart);
  const CertificateBundle bundle = rotate_bundle(first, RotationAction::RenewAll, settings, kStart + hours(24 * 250));
  const nlohmann::json secret{{"apiVersion", "v1"}, {"kind", "Secret"}, {"data", secret_data(bundle)}};
  EXPECT_EQ(bundle_from_secret(secret), bundle);
  EXPECT_EQ(kube::base64_decode(secret["data"]["tls.crt"].get<std::string>()), bundle.cert_pem);
  EXPECT_TRUE(secret["data"].contains("ca-previous.crt"));
}

TEST(CertificateBundleSecret, IncompleteOrBrokenSecretsGiveNothing) {
  EXPECT_FALSE(bundle_from_secret(nlohmann::json{{"kind", "Secret"}}));
  EXPECT_FALSE(bundle_from_secret(nlohmann::json{{"data", {{"tls.crt", "YQ=="}}}}));
  EXPECT_FALSE(bundle_from_secret(
      nlohmann::json{{"data", {{"tls.crt", "!!"}, {"tls.key", "YQ=="}, {"ca.crt", "YQ=="}, {"ca.key", "YQ=="}}}}));
  EXPECT_FALSE(bundle_from_secret(nlohmann::json("text")));
}

TEST(CaBundlePatch, SetsTheBundleOnEveryWebhookThatLacksIt) {
  const nlohmann::json configuration = nlohmann::json::parse(R"({
    "webhooks": [
      {"name": "a.example", "clientConfig": {"service": {"name": "svc", "namespace": "ns"}}},
      {"name": "b.example", "clientConfig": {"caBundle": "QUJD"}},
      {"name": "c.example"}
    ]})");
  const nlohmann::json patch = ca_bundle_patch(configuration, "QUJD");
  EXPECT_EQ(patch, nlohmann::json::parse(R"([
    {"op":"test","path":"/webhooks/0/name","value":"a.example"},
    {"op":"add","path":"/webhooks/0/clientConfig/caBundle","value":"QUJD"},
    {"op":"test","path":"/webhooks/2/name","value":"c.example"},
    {"op":"add","path":"/webhooks/2/clientConfig","value":{"caBundle":"QUJD"}}])"));
  const nlohmann::json patched = configuration.patch(patch);
  EXPECT_TRUE(ca_bundle_patch(patched, "QUJD").empty());
  EXPECT_TRUE(ca_bundle_patch(nlohmann::json::object(), "QUJD").empty());
}

}  // namespace
}  // namespace peregrine::operator_webhook
