// Certificate renewal plan and execution (see certificate_rotation.hpp).
#include "operator/webhook/certificate_rotation.hpp"

#include <algorithm>

namespace peregrine::operator_webhook {

namespace {

std::chrono::seconds renew_window(std::chrono::seconds validity, double fraction) {
  return std::chrono::seconds(static_cast<std::int64_t>(static_cast<double>(validity.count()) * fraction));
}

bool has_all(const std::vector<std::string>& present, const std::vector<std::string>& required) {
  for (const auto& name : required) {
    if (std::find(present.begin(), present.end(), name) == present.end()) return false;
  }
  return true;
}

// A CA shorter-lived than its serving certificates would force a new serving certificate at every check.
std::chrono::seconds ca_validity_of(const CertificateSettings& settings) {
  return std::max(settings.ca_validity, settings.serving_validity);
}

std::string ca_common_name(const CertificateSettings& settings) {
  return settings.service_name + "-ca";
}

}  // namespace

std::vector<std::string> CertificateSettings::dns_names() const {
  return {service_name, service_name + "." + service_namespace, service_name + "." + service_namespace + ".svc",
          service_name + "." + service_namespace + ".svc.cluster.local"};
}

RotationPlan plan_rotation(const std::optional<CertificateBundle>& current, const CertificateSettings& settings,
                           SystemTime now) {
  if (!current) return {RotationAction::RenewAll, "no certificate yet"};
  const auto ca = inspect_certificate(current->ca_cert_pem);
  if (!ca || !ca->is_ca) return {RotationAction::RenewAll, "the CA certificate is unreadable"};
  if (!key_matches_certificate(current->ca_key_pem, current->ca_cert_pem)) {
    return {RotationAction::RenewAll, "the CA key does not match the CA certificate"};
  }
  if (ca->not_after - now < renew_window(ca_validity_of(settings), settings.renew_fraction)) {
    return {RotationAction::RenewAll, "the CA is due for renewal"};
  }
  const auto serving = inspect_certificate(current->cert_pem);
  if (!serving) return {RotationAction::IssueServing, "the serving certificate is unreadable"};
  if (!key_matches_certificate(current->key_pem, current->cert_pem)) {
    return {RotationAction::IssueServing, "the serving key does not match the certificate"};
  }
  if (!certificate_signed_by(current->cert_pem, current->ca_cert_pem)) {
    return {RotationAction::IssueServing, "the serving certificate is not signed by the CA"};
  }
  if (!has_all(serving->dns_names, settings.dns_names())) {
    return {RotationAction::IssueServing, "the serving certificate does not cover the Service's DNS names"};
  }
  if (serving->not_after - now < renew_window(settings.serving_validity, settings.renew_fraction)) {
    return {RotationAction::IssueServing, "the serving certificate is due for renewal"};
  }
  return {RotationAction::Keep, "the certificates are valid"};
}

CertificateBundle rotate_bundle(const std::optional<CertificateBundle>& current, RotationAction action,
                                const CertificateSettings& settings, SystemTime now) {
  if (action == RotationAction::Keep && current) return *current;
  CertificateBundle next;
  if (action == RotationAction::IssueServing && current) {
    next.ca_cert_pem = current->ca_cert_pem;
    next.ca_key_pem = current->ca_key_pem;
    next.previous_ca_cert_pem = current->previous_ca_cert_pem;
  } else {
    const IssuedCertificate ca =
        create_certificate_authority(ca_common_name(settings), ca_validity_of(settings), now, settings.key_algorithm);
    next.ca_cert_pem = ca.cert_pem;
    next.ca_key_pem = ca.key_pem;
    if (current) next.previous_ca_cert_pem = current->ca_cert_pem;
  }
  if (!next.previous_ca_cert_pem.empty()) {
    const auto previous = inspect_certificate(next.previous_ca_cert_pem);
    if (!previous || !previous->is_ca || previous->not_after <= now) next.previous_ca_cert_pem.clear();
  }
  const IssuedCertificate serving =
      issue_serving_certificate({next.ca_cert_pem, next.ca_key_pem}, settings.service_name, settings.dns_names(),
                                settings.serving_validity, now, settings.key_algorithm);
  next.cert_pem = serving.cert_pem;
  next.key_pem = serving.key_pem;
  return next;
}

SystemTime renewal_due(const CertificateBundle& bundle, const CertificateSettings& settings, SystemTime now) {
  const auto ca = inspect_certificate(bundle.ca_cert_pem);
  const auto serving = inspect_certificate(bundle.cert_pem);
  if (!ca || !serving) return now;
  return std::min(ca->not_after - renew_window(ca_validity_of(settings), settings.renew_fraction),
                  serving->not_after - renew_window(settings.serving_validity, settings.renew_fraction));
}

}  // namespace peregrine::operator_webhook
