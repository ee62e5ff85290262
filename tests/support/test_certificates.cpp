// Test PKI generation with OpenSSL's C API (see test_certificates.hpp).
#include "tests/support/test_certificates.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace peregrine::testing {
namespace {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using CertPtr = std::unique_ptr<X509, decltype(&X509_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificates: ") + what + " failed");
}

struct Issued {
  KeyPtr key{nullptr, &EVP_PKEY_free};
  CertPtr cert{nullptr, &X509_free};
};

enum class Role { Authority, Server, Client };

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  check(ext != nullptr, "X509V3_EXT_conf_nid");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// A certificate for `common_name` signed by `issuer` (self-signed when issuer is null).
Issued issue(const std::string& common_name, Role role, const Issued* issuer) {
  Issued out;
  out.key.reset(EVP_EC_gen("P-256"));
  check(out.key != nullptr, "EVP_EC_gen");
  out.cert.reset(X509_new());
  X509* cert = out.cert.get();
  X509_set_version(cert, 2);
  unsigned char serial_bytes[16];
  check(RAND_bytes(serial_bytes, sizeof serial_bytes) == 1, "RAND_bytes");
  serial_bytes[0] &= 0x7f;  // positive
  BIGNUM* serial = BN_bin2bn(serial_bytes, sizeof serial_bytes, nullptr);
  BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert));
  BN_free(serial);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(common_name.c_str()),
                             -1, -1, 0);
  X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer->cert.get()) : name);
  X509_set_pubkey(cert, out.key.get());
  X509* issuer_cert = issuer ? issuer->cert.get() : cert;
  add_extension(cert, issuer_cert, NID_subject_key_identifier, "hash");
  add_extension(cert, issuer_cert, NID_authority_key_identifier, "keyid:always");
  switch (role) {
    case Role::Authority:
      add_extension(cert, issuer_cert, NID_basic_constraints, "critical,CA:TRUE");
      add_extension(cert, issuer_cert, NID_key_usage, "critical,keyCertSign,cRLSign");
      break;
    case Role::Server:
    case Role::Client:
      add_extension(cert, issuer_cert, NID_basic_constraints, "critical,CA:FALSE");
      add_extension(cert, issuer_cert, NID_key_usage, "critical,digitalSignature");
      add_extension(cert, issuer_cert, NID_ext_key_usage, role == Role::Server ? "serverAuth" : "clientAuth");
      if (role == Role::Server)
        add_extension(cert, issuer_cert, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
      break;
  }
  check(X509_sign(cert, issuer ? issuer->key.get() : out.key.get(), EVP_sha256()) > 0, "X509_sign");
  return out;
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(size));
}

std::string cert_pem(const Issued& issued) {
  BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
  check(PEM_write_bio_X509(bio.get(), issued.cert.get()) == 1, "PEM_write_bio_X509");
  return bio_text(bio.get());
}

std::string key_pem(const Issued& issued) {
  BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
  check(PEM_write_bio_PrivateKey(bio.get(), issued.key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "PEM_write_bio_PrivateKey");
  return bio_text(bio.get());
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("test certificates: cannot read " + path.string());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

// Written to a temporary name, then renamed: readers never see half a file.
void write_atomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("test certificates: cannot write " + tmp.string());
  }
  std::filesystem::rename(tmp, path);
}

Issued load_authority(const std::filesystem::path& dir) {
  Issued ca;
  const std::string cert = read_text(dir / "ca.pem");
  const std::string key = read_text(dir / "ca-key.pem");
  BioPtr cert_bio(BIO_new_mem_buf(cert.data(), static_cast<int>(cert.size())), &BIO_free);
  BioPtr key_bio(BIO_new_mem_buf(key.data(), static_cast<int>(key.size())), &BIO_free);
  ca.cert.reset(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  ca.key.reset(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  check(ca.cert && ca.key, "loading the test CA");
  return ca;
}

}  // namespace

void write_test_certificates(const std::string& dir_name) {
  const std::filesystem::path dir(dir_name);
  const Issued ca = issue("Peregrine Test CA", Role::Authority, nullptr);
  const Issued server = issue("peregrine-test-server", Role::Server, &ca);
  const Issued client = issue("peregrine-test-client", Role::Client, &ca);
  const Issued other_ca = issue("Unrelated Test CA", Role::Authority, nullptr);
  const Issued other_client = issue("unrelated-test-client", Role::Client, &other_ca);
  write_atomically(dir / "ca.pem", cert_pem(ca));
  write_atomically(dir / "ca-key.pem", key_pem(ca));
  write_atomically(dir / "server.pem", cert_pem(server));
  write_atomically(dir / "server-key.pem", key_pem(server));
  write_atomically(dir / "client.pem", cert_pem(client));
  write_atomically(dir / "client-key.pem", key_pem(client));
  write_atomically(dir / "other-ca.pem", cert_pem(other_ca));
  write_atomically(dir / "other-client.pem", cert_pem(other_client));
  write_atomically(dir / "other-client-key.pem", key_pem(other_client));
}

TestCertificates::TestCertificates() {
  std::string pattern = (std::filesystem::temp_directory_path() / "peregrine-certs-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("test certificates: mkdtemp failed");
  dir_ = pattern;
  write_test_certificates(dir_);
  const std::filesystem::path dir(dir_);
  ca_file = (dir / "ca.pem").string();
  server_cert_file = (dir / "server.pem").string();
  server_key_file = (dir / "server-key.pem").string();
  client_cert_file = (dir / "client.pem").string();
  client_key_file = (dir / "client-key.pem").string();
  other_ca_file = (dir / "other-ca.pem").string();
  other_client_cert_file = (dir / "other-client.pem").string();
  other_client_key_file = (dir / "other-client-key.pem").string();
}

TestCertificates::~TestCertificates() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void TestCertificates::rotate_server_certificate(const std::string& common_name) {
  const Issued ca = load_authority(dir_);
  const Issued server = issue(common_name, Role::Server, &ca);
  // Key first: a reader that sees the new certificate with the old key fails the key check and retries later.
  write_atomically(server_key_file, key_pem(server));
  write_atomically(server_cert_file, cert_pem(server));
}

std::string certificate_common_name(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  CertPtr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
  if (!cert) return "";
  char name[256] = {0};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_commonName, name, sizeof name);
  return name;
}

}  // namespace peregrine::testing
