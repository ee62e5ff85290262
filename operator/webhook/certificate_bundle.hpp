// CertificateBundle: the webhook's CA (certificate and key), its serving certificate and key, and the CA it
// replaced (trusted until the API server has the new caBundle everywhere). Stored in a Secret under
// ca.crt / ca.key / tls.crt / tls.key / ca-previous.crt — tls.crt, tls.key and ca.crt are the names cert-manager
// and the Helm chart use, so the same Secret can be mounted as a certificate directory.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "operator/webhook/tls_server.hpp"

namespace peregrine::operator_webhook {

struct CertificateBundle {
  std::string ca_cert_pem;
  std::string ca_key_pem;
  std::string cert_pem;
  std::string key_pem;
  std::string previous_ca_cert_pem;  // "" when there is none

  // The PEM the webhook configuration's caBundle carries: the CA, then the previous CA (if any).
  std::string ca_bundle_pem() const;
  TlsCertificate serving_certificate() const { return {cert_pem, key_pem}; }
  bool operator==(const CertificateBundle&) const = default;
};

// From a Secret object's `data` (base64); nullopt unless ca.crt, ca.key, tls.crt and tls.key are all present.
std::optional<CertificateBundle> bundle_from_secret(const nlohmann::json& secret);
// The Secret `data` map for a bundle.
nlohmann::json secret_data(const CertificateBundle& bundle);

}  // namespace peregrine::operator_webhook
