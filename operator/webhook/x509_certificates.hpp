// X.509 with OpenSSL: a self-signed CA, serving certificates it signs (SANs, serverAuth), and inspection of
// PEM certificates (validity, DNS SANs, issuer check, key match). Keys are ECDSA P-256 or RSA 2048, written as
// unencrypted PKCS#8 PEM. No I/O besides OpenSSL's randomness; failures throw std::runtime_error.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace peregrine::operator_webhook {

using SystemTime = std::chrono::system_clock::time_point;

enum class KeyAlgorithm { EcdsaP256, Rsa2048 };

struct IssuedCertificate {
  std::string cert_pem;
  std::string key_pem;
};

struct CertificateInfo {
  SystemTime not_before;
  SystemTime not_after;
  std::vector<std::string> dns_names;  // subjectAltName DNS entries
  std::string common_name;
  bool is_ca = false;
};

// A CA certificate valid from `now` (backdated a little for clock skew) for `validity`.
IssuedCertificate create_certificate_authority(const std::string& common_name, std::chrono::seconds validity,
                                               SystemTime now, KeyAlgorithm algorithm = KeyAlgorithm::EcdsaP256);

// A serving certificate for `dns_names` signed by `ca`; it never outlives the CA.
IssuedCertificate issue_serving_certificate(const IssuedCertificate& ca, const std::string& common_name,
                                            const std::vector<std::string>& dns_names, std::chrono::seconds validity,
                                            SystemTime now, KeyAlgorithm algorithm = KeyAlgorithm::EcdsaP256);

// The first certificate of a PEM text; nullopt when there is none or it cannot be parsed.
std::optional<CertificateInfo> inspect_certificate(const std::string& pem);
// Whether `cert_pem` carries the CA's subject as issuer and a valid signature by the CA's key.
bool certificate_signed_by(const std::string& cert_pem, const std::string& ca_cert_pem);
// Whether the private key belongs to the (first) certificate.
bool key_matches_certificate(const std::string& key_pem, const std::string& cert_pem);

}  // namespace peregrine::operator_webhook
