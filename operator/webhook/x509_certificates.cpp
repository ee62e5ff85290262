// OpenSSL 3 implementation of CA creation, certificate issuance and inspection (see x509_certificates.hpp).
#include "operator/webhook/x509_certificates.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <stdexcept>

namespace peregrine::operator_webhook {

namespace {

struct Free {
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
  void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
  void operator()(GENERAL_NAMES* p) const { GENERAL_NAMES_free(p); }
  void operator()(ASN1_INTEGER* p) const { ASN1_INTEGER_free(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, Free>;

// Backdating protects against API servers whose clock is slightly behind the operator's.
constexpr auto kBackdate = std::chrono::minutes(5);

[[noreturn]] void fail(const std::string& what) {
  const unsigned long code = ERR_get_error();
  std::string detail;
  if (code != 0) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof(buffer));
    detail = std::string(": ") + buffer;
  }
  ERR_clear_error();
  throw std::runtime_error(what + detail);
}

Owned<EVP_PKEY> generate_key(KeyAlgorithm algorithm) {
  EVP_PKEY* key = algorithm == KeyAlgorithm::Rsa2048 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048})
                                                     : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (key == nullptr) fail("key generation failed");
  return Owned<EVP_PKEY>(key);
}

std::string key_to_pem(EVP_PKEY* key) {
  Owned<BIO> bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    fail("cannot encode the private key");
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string cert_to_pem(X509* cert) {
  Owned<BIO> bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) fail("cannot encode the certificate");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

Owned<X509> read_cert(const std::string& pem) {
  Owned<BIO> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return nullptr;
  Owned<X509> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  return cert;
}

Owned<EVP_PKEY> read_key(const std::string& pem) {
  Owned<BIO> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return nullptr;
  Owned<EVP_PKEY> key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  return key;
}

void set_random_serial(X509* cert) {
  Owned<BIGNUM> serial(BN_new());
  if (!serial || BN_rand(serial.get(), 159, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1) fail("no serial number");
  Owned<ASN1_INTEGER> integer(BN_to_ASN1_INTEGER(serial.get(), nullptr));
  if (!integer || X509_set_serialNumber(cert, integer.get()) != 1) fail("cannot set the serial number");
}

void set_validity(X509* cert, SystemTime not_before, SystemTime not_after) {
  const std::time_t from = std::chrono::system_clock::to_time_t(not_before);
  const std::time_t until = std::chrono::system_clock::to_time_t(not_after);
  if (ASN1_TIME_set(X509_getm_notBefore(cert), from) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(cert), until) == nullptr) {
    fail("cannot set the validity period");
  }
}

void set_common_name(X509_NAME* name, const std::string& common_name) {
  if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(common_name.c_str()),
                                 -1, -1, 0) != 1) {
    fail("cannot set the common name");
  }
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
  Owned<X509_EXTENSION> extension(X509V3_EXT_nconf_nid(nullptr, &context, nid, value.c_str()));
  if (!extension || X509_add_ext(cert, extension.get(), -1) != 1) fail("cannot add extension " + value);
}

Owned<X509> new_certificate(EVP_PKEY* key, const std::string& common_name, SystemTime not_before,
                            SystemTime not_after) {
  Owned<X509> cert(X509_new());
  if (!cert || X509_set_version(cert.get(), 2) != 1) fail("cannot create a certificate");
  set_random_serial(cert.get());
  set_validity(cert.get(), not_before, not_after);
  set_common_name(X509_get_subject_name(cert.get()), common_name);
  if (X509_set_pubkey(cert.get(), key) != 1) fail("cannot set the public key");
  return cert;
}

SystemTime from_asn1(const ASN1_TIME* time) {
  std::tm parts{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) return SystemTime{};
  return std::chrono::system_clock::from_time_t(timegm(&parts));
}

std::string join_dns(const std::vector<std::string>& names) {
  std::string value;
  for (const auto& name : names) {
    if (!value.empty()) value += ",";
    value += "DNS:" + name;
  }
  return value;
}

}  // namespace

IssuedCertificate create_certificate_authority(const std::string& common_name, std::chrono::seconds validity,
                                               SystemTime now, KeyAlgorithm algorithm) {
  Owned<EVP_PKEY> key = generate_key(algorithm);
  Owned<X509> cert = new_certificate(key.get(), common_name, now - kBackdate, now + validity);
  if (X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get())) != 1) fail("cannot set the issuer");
  add_extension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(cert.get(), cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign,cRLSign");
  add_extension(cert.get(), cert.get(), NID_subject_key_identifier, "hash");
  add_extension(cert.get(), cert.get(), NID_authority_key_identifier, "keyid:always");
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) fail("cannot sign the CA certificate");
  return {cert_to_pem(cert.get()), key_to_pem(key.get())};
}

IssuedCertificate issue_serving_certificate(const IssuedCertificate& ca, const std::string& common_name,
                                            const std::vector<std::string>& dns_names, std::chrono::seconds validity,
                                            SystemTime now, KeyAlgorithm algorithm) {
  Owned<X509> ca_cert = read_cert(ca.cert_pem);
  Owned<EVP_PKEY> ca_key = read_key(ca.key_pem);
  if (!ca_cert || !ca_key) throw std::runtime_error("the CA certificate or key cannot be read");
  if (dns_names.empty()) throw std::runtime_error("a serving certificate needs at least one DNS name");
  const SystemTime ca_not_after = from_asn1(X509_get0_notAfter(ca_cert.get()));
  const SystemTime not_after = std::min(now + validity, ca_not_after);

  Owned<EVP_PKEY> key = generate_key(algorithm);
  Owned<X509> cert = new_certificate(key.get(), common_name, now - kBackdate, not_after);
  if (X509_set_issuer_name(cert.get(), X509_get_subject_name(ca_cert.get())) != 1) fail("cannot set the issuer");
  add_extension(cert.get(), ca_cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert.get(), ca_cert.get(), NID_key_usage, algorithm == KeyAlgorithm::Rsa2048
                                                              ? "critical,digitalSignature,keyEncipherment"
                                                              : "critical,digitalSignature");
  add_extension(cert.get(), ca_cert.get(), NID_ext_key_usage, "serverAuth");
  add_extension(cert.get(), ca_cert.get(), NID_subject_alt_name, join_dns(dns_names));
  add_extension(cert.get(), ca_cert.get(), NID_subject_key_identifier, "hash");
  add_extension(cert.get(), ca_cert.get(), NID_authority_key_identifier, "keyid:always");
  if (X509_sign(cert.get(), ca_key.get(), EVP_sha256()) == 0) fail("cannot sign the serving certificate");
  return {cert_to_pem(cert.get()), key_to_pem(key.get())};
}

std::optional<CertificateInfo> inspect_certificate(const std::string& pem) {
  Owned<X509> cert = read_cert(pem);
  if (!cert) return std::nullopt;
  CertificateInfo info;
  info.not_before = from_asn1(X509_get0_notBefore(cert.get()));
  info.not_after = from_asn1(X509_get0_notAfter(cert.get()));
  info.is_ca = X509_check_ca(cert.get()) != 0;
  char common_name[256] = {0};
  if (X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_commonName, common_name,
                                sizeof(common_name)) > 0) {
    info.common_name = common_name;
  }
  Owned<GENERAL_NAMES> names(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr)));
  if (names) {
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
      const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
      if (name->type != GEN_DNS) continue;
      const ASN1_IA5STRING* dns = name->d.dNSName;
      info.dns_names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                                  static_cast<std::size_t>(ASN1_STRING_length(dns)));
    }
  }
  ERR_clear_error();
  return info;
}

bool certificate_signed_by(const std::string& cert_pem, const std::string& ca_cert_pem) {
  Owned<X509> cert = read_cert(cert_pem);
  Owned<X509> ca = read_cert(ca_cert_pem);
  if (!cert || !ca) return false;
  if (X509_NAME_cmp(X509_get_issuer_name(cert.get()), X509_get_subject_name(ca.get())) != 0) return false;
  EVP_PKEY* ca_key = X509_get0_pubkey(ca.get());
  const bool ok = ca_key != nullptr && X509_verify(cert.get(), ca_key) == 1;
  ERR_clear_error();
  return ok;
}

bool key_matches_certificate(const std::string& key_pem, const std::string& cert_pem) {
  Owned<X509> cert = read_cert(cert_pem);
  Owned<EVP_PKEY> key = read_key(key_pem);
  if (!cert || !key) return false;
  const bool ok = X509_check_private_key(cert.get(), key.get()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace peregrine::operator_webhook
