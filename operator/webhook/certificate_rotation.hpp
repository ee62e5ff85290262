// When and how the webhook's certificates are renewed, as a pure plan plus the step that carries it out.
//  - no usable CA (missing, unreadable, key mismatch) or a CA with less than `renew_fraction` of its validity
//    left → a new CA and serving certificate; the old CA stays in the caBundle as `previous` until it expires,
//    so API servers that still hold the old caBundle keep trusting the webhook;
//  - a serving certificate that is unreadable, not signed by the CA, missing a DNS name of the Service, or has
//    less than `renew_fraction` of its validity left → a new serving certificate from the same CA;
//  - otherwise keep, and check again at the earliest renewal time.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "operator/webhook/certificate_bundle.hpp"
#include "operator/webhook/x509_certificates.hpp"

namespace peregrine::operator_webhook {

struct CertificateSettings {
  std::string service_name = "peregrine-operator-webhook";
  std::string service_namespace = "peregrine-system";
  std::chrono::seconds serving_validity{std::chrono::hours(24 * 365)};
  std::chrono::seconds ca_validity{std::chrono::hours(24 * 365 * 10)};  // raised to serving_validity if shorter
  double renew_fraction = 1.0 / 3.0;  // renew once less than this share of the validity remains
  KeyAlgorithm key_algorithm = KeyAlgorithm::EcdsaP256;

  // <service>, <service>.<ns>, <service>.<ns>.svc, <service>.<ns>.svc.cluster.local
  std::vector<std::string> dns_names() const;
};

enum class RotationAction { Keep, IssueServing, RenewAll };

struct RotationPlan {
  RotationAction action = RotationAction::Keep;
  std::string reason;
};

RotationPlan plan_rotation(const std::optional<CertificateBundle>& current, const CertificateSettings& settings,
                           SystemTime now);

// Carries out `action` (Keep returns `current` unchanged). A previous CA that has expired is dropped.
CertificateBundle rotate_bundle(const std::optional<CertificateBundle>& current, RotationAction action,
                                const CertificateSettings& settings, SystemTime now);

// When the bundle next needs renewing (the earlier of the CA's and the serving certificate's renewal times);
// `now` when it cannot be read.
SystemTime renewal_due(const CertificateBundle& bundle, const CertificateSettings& settings, SystemTime now);

}  // namespace peregrine::operator_webhook
