// TlsServerContext and the PEM loading behind it (see tls_server_context.hpp).
#include "backend/common/tls_server_context.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <spdlog/spdlog.h>

#include <boost/asio/buffer.hpp>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "backend/common/tls_cipher_suites.hpp"

namespace peregrine::common {
namespace {

namespace ssl = boost::asio::ssl;

std::string read_pem_file(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read TLS " + what + " file " + path);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

BioPtr memory_bio(const std::string& pem) {
  return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
}

// Calls fn for every certificate in a PEM text; returns how many there were.
size_t for_each_certificate(const std::string& pem, const std::function<void(X509*)>& fn) {
  BioPtr bio = memory_bio(pem);
  size_t count = 0;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    fn(cert);
    X509_free(cert);
    ++count;
  }
  ERR_clear_error();  // the loop ends on "no start line"
  return count;
}

void check_certificate_and_key(const TlsServerSettings& settings, const TlsServerPem& pem) {
  BioPtr cert_bio = memory_bio(pem.cert_chain);
  std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr),
                                                   &X509_free);
  if (!cert) throw std::runtime_error("TLS certificate file " + settings.cert_file + " holds no PEM certificate");
  BioPtr key_bio = memory_bio(pem.private_key);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  if (!key) {
    ERR_clear_error();
    throw std::runtime_error("TLS key file " + settings.key_file + " holds no PEM private key");
  }
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    throw std::runtime_error("TLS key file " + settings.key_file + " does not match certificate " +
                             settings.cert_file);
  }
}

// ALPN: this server speaks HTTP/1.1 only; clients offering it get it, others proceed without ALPN.
int select_http11(SSL*, const unsigned char** out, unsigned char* outlen, const unsigned char* in,
                  unsigned int inlen, void*) {
  static const unsigned char kProtocols[] = "\x08http/1.1";
  unsigned char* selected = nullptr;
  if (SSL_select_next_proto(&selected, outlen, kProtocols, sizeof kProtocols - 1, in, inlen) ==
      OPENSSL_NPN_NEGOTIATED) {
    *out = selected;
    return SSL_TLSEXT_ERR_OK;
  }
  return SSL_TLSEXT_ERR_NOACK;
}

}  // namespace

TlsServerPem read_tls_server_pem(const TlsServerSettings& settings) {
  TlsServerPem pem;
  pem.cert_chain = read_pem_file(settings.cert_file, "certificate");
  pem.private_key = read_pem_file(settings.key_file, "key");
  check_certificate_and_key(settings, pem);
  if (!settings.client_ca_file.empty()) {
    pem.client_ca = read_pem_file(settings.client_ca_file, "client CA");
    if (for_each_certificate(pem.client_ca, [](X509*) {}) == 0)
      throw std::runtime_error("TLS client CA file " + settings.client_ca_file + " holds no PEM certificate");
  }
  return pem;
}

std::shared_ptr<ssl::context> make_tls_server_context(const TlsServerSettings& settings, const TlsServerPem& pem) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                   ssl::context::no_compression | ssl::context::single_dh_use);
  SSL_CTX* native = ctx->native_handle();

  auto version = [](const std::string& name) {
    const std::optional<int> v = tls_protocol_version(name);
    if (!v) throw ConfigError("unknown TLS version \"" + name + "\" (want 1.0, 1.1, 1.2 or 1.3)");
    return *v;
  };
  SSL_CTX_set_min_proto_version(native, settings.min_version.empty() ? TLS1_2_VERSION : version(settings.min_version));
  if (!settings.max_version.empty()) SSL_CTX_set_max_proto_version(native, version(settings.max_version));
  const OpenSslCipherConfig ciphers = openssl_cipher_config(settings.cipher_suites);
  if (!ciphers.cipher_list.empty() && SSL_CTX_set_cipher_list(native, ciphers.cipher_list.c_str()) != 1)
    throw std::runtime_error("cannot use TLS cipher suites " + ciphers.cipher_list + ": " + openssl_error());
  if (!ciphers.ciphersuites.empty() && SSL_CTX_set_ciphersuites(native, ciphers.ciphersuites.c_str()) != 1)
    throw std::runtime_error("cannot use TLS 1.3 cipher suites " + ciphers.ciphersuites + ": " + openssl_error());

  boost::system::error_code ec;
  ctx->use_certificate_chain(boost::asio::buffer(pem.cert_chain), ec);
  if (ec) throw std::runtime_error("cannot use TLS certificate " + settings.cert_file + ": " + ec.message());
  ctx->use_private_key(boost::asio::buffer(pem.private_key), ssl::context::pem, ec);
  if (ec) throw std::runtime_error("cannot use TLS key " + settings.key_file + ": " + ec.message());
  if (SSL_CTX_check_private_key(native) != 1)
    throw std::runtime_error("TLS key " + settings.key_file + " does not match certificate " + settings.cert_file);

  if (!pem.client_ca.empty()) {
    X509_STORE* store = SSL_CTX_get_cert_store(native);
    for_each_certificate(pem.client_ca, [&](X509* cert) {
      X509_STORE_add_cert(store, cert);  // a duplicate is harmless
      SSL_CTX_add_client_CA(native, cert);
    });
    ERR_clear_error();
    ctx->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
  } else {
    ctx->set_verify_mode(ssl::verify_none);
  }
  static const unsigned char kSessionContext[] = "peregrine";
  SSL_CTX_set_session_id_context(native, kSessionContext, sizeof kSessionContext - 1);
  SSL_CTX_set_alpn_select_cb(native, select_http11, nullptr);
  return ctx;
}

TlsServerContext::TlsServerContext(TlsServerSettings settings) : settings_(std::move(settings)) {
  if (settings_.cert_file.empty() || settings_.key_file.empty())
    throw ConfigError("a TLS server needs a certificate file and a key file");
  loaded_ = read_tls_server_pem(settings_);
  current_ = make_tls_server_context(settings_, loaded_);
  next_reload_ = std::chrono::steady_clock::now() + settings_.reload_interval;
}

TlsServerContext::TlsServerContext(TlsServerSettings settings, const TlsServerPem& pem) : settings_(std::move(settings)) {
  settings_.cert_file.clear();
  settings_.key_file.clear();
  settings_.client_ca_file.clear();
  settings_.reload_interval = std::chrono::milliseconds(0);
  replace(pem);
}

void TlsServerContext::replace(const TlsServerPem& pem) {
  std::shared_ptr<ssl::context> next;
  try {
    next = make_tls_server_context(settings_, pem);
  } catch (const std::exception& e) {
    throw std::invalid_argument(std::string("unusable TLS certificate: ") + e.what());
  }
  std::lock_guard<std::mutex> lock(mu_);
  current_ = std::move(next);
  loaded_ = pem;
}

std::shared_ptr<ssl::context> TlsServerContext::for_new_connection() {
  std::lock_guard<std::mutex> lock(mu_);
  if (settings_.reload_interval.count() > 0) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= next_reload_) {
      next_reload_ = now + settings_.reload_interval;
      try {
        TlsServerPem pem = read_tls_server_pem(settings_);
        if (!(pem == loaded_)) {
          current_ = make_tls_server_context(settings_, pem);
          loaded_ = std::move(pem);
          spdlog::info("TLS certificate reloaded from {}", settings_.cert_file);
        }
      } catch (const std::exception& e) {
        spdlog::warn("TLS reload failed, keeping the previous certificate: {}", e.what());
      }
    }
  }
  return current_;
}

}  // namespace peregrine::common
