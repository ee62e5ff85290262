// CertificateBundle ⇔ Secret data (see certificate_bundle.hpp).
#include "operator/webhook/certificate_bundle.hpp"

#include <exception>

#include "operator/kube/base64.hpp"

namespace peregrine::operator_webhook {

namespace {

constexpr const char* kCaCert = "ca.crt";
constexpr const char* kCaKey = "ca.key";
constexpr const char* kCert = "tls.crt";
constexpr const char* kKey = "tls.key";
constexpr const char* kPreviousCaCert = "ca-previous.crt";

std::optional<std::string> decoded(const nlohmann::json& data, const char* key) {
  auto it = data.find(key);
  if (it == data.end() || !it->is_string()) return std::nullopt;
  try {
    std::string value = kube::base64_decode(it->get<std::string>());
    if (value.empty()) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string with_newline(const std::string& pem) {
  return !pem.empty() && pem.back() != '\n' ? pem + "\n" : pem;
}

}  // namespace

std::string CertificateBundle::ca_bundle_pem() const {
  return with_newline(ca_cert_pem) + with_newline(previous_ca_cert_pem);
}

std::optional<CertificateBundle> bundle_from_secret(const nlohmann::json& secret) {
  if (!secret.is_object() || !secret.contains("data") || !secret["data"].is_object()) return std::nullopt;
  const nlohmann::json& data = secret["data"];
  auto ca_cert = decoded(data, kCaCert);
  auto ca_key = decoded(data, kCaKey);
  auto cert = decoded(data, kCert);
  auto key = decoded(data, kKey);
  if (!ca_cert || !ca_key || !cert || !key) return std::nullopt;
  CertificateBundle bundle{*ca_cert, *ca_key, *cert, *key, decoded(data, kPreviousCaCert).value_or("")};
  return bundle;
}

nlohmann::json secret_data(const CertificateBundle& bundle) {
  nlohmann::json data{{kCaCert, kube::base64_encode(bundle.ca_cert_pem)},
                      {kCaKey, kube::base64_encode(bundle.ca_key_pem)},
                      {kCert, kube::base64_encode(bundle.cert_pem)},
                      {kKey, kube::base64_encode(bundle.key_pem)}};
  if (!bundle.previous_ca_cert_pem.empty()) data[kPreviousCaCert] = kube::base64_encode(bundle.previous_ca_cert_pem);
  return data;
}

}  // namespace peregrine::operator_webhook
