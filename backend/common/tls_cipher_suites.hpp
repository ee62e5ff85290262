// Cipher-suite names as Jaeger's `*.tls.cipher-suites` flags take them (the IANA names of Go's crypto/tls, e.g.
// TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 or TLS_AES_128_GCM_SHA256) translated into OpenSSL's configuration
// strings: TLS 1.2-and-older suites go to the cipher list, TLS 1.3 suites to the ciphersuites string. Go's short
// aliases without the "_SHA256" suffix (TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305) are accepted too.
#pragma once
#include <string>
#include <vector>

namespace peregrine::common {

struct OpenSslCipherConfig {
  std::string cipher_list;   // for SSL_CTX_set_cipher_list / CURLOPT_SSL_CIPHER_LIST; "" = keep the defaults
  std::string ciphersuites;  // for SSL_CTX_set_ciphersuites / CURLOPT_TLS13_CIPHERS; "" = keep the defaults
};

// Throws ConfigError naming the first suite OpenSSL does not know.
OpenSslCipherConfig openssl_cipher_config(const std::vector<std::string>& iana_names);

}  // namespace peregrine::common
