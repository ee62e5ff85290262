// IANA cipher-suite names → OpenSSL configuration strings (see tls_cipher_suites.hpp).
#include "backend/common/tls_cipher_suites.hpp"

#include <openssl/ssl.h>

#include "backend/common/config.hpp"

namespace peregrine::common {
namespace {

// OpenSSL's name for an IANA name, or "" when it has none.
std::string openssl_name(const std::string& iana) {
  const std::string name = OPENSSL_cipher_name(iana.c_str());
  return name == "(NONE)" ? "" : name;
}

void append(std::string& list, const std::string& item) {
  if (!list.empty()) list += ':';
  list += item;
}

}  // namespace

OpenSslCipherConfig openssl_cipher_config(const std::vector<std::string>& iana_names) {
  OpenSslCipherConfig out;
  for (const std::string& iana : iana_names) {
    std::string name = openssl_name(iana);
    if (name.empty()) name = openssl_name(iana + "_SHA256");  // Go's aliases for the ChaCha20 suites
    if (name.empty()) throw ConfigError("cipher suite " + iana + " not supported or doesn't exist");
    // OpenSSL names TLS 1.3 suites by their IANA names ("TLS_..."); older suites have names like "AES128-SHA".
    append(name.rfind("TLS_", 0) == 0 ? out.ciphersuites : out.cipher_list, name);
  }
  return out;
}

}  // namespace peregrine::common
