// gRPC server credentials from TlsServerSettings (see grpc_server_credentials.hpp).
#include "backend/common/grpc_server_credentials.hpp"

#include <grpcpp/security/server_credentials.h>
#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_credentials_options.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "backend/common/tls_server_context.hpp"

namespace peregrine::common {

std::shared_ptr<grpc::ServerCredentials> grpc_server_credentials(const TlsServerSettings& settings,
                                                                 const std::string& server_name) {
  if (!settings.enabled) return grpc::InsecureServerCredentials();
  const TlsServerPem pem = read_tls_server_pem(settings);
  if (!settings.min_version.empty() || !settings.max_version.empty() || !settings.cipher_suites.empty()) {
    spdlog::warn("{}: TLS min-version / max-version / cipher-suites are not enforced on gRPC servers (gRPC "
                 "negotiates TLS 1.2 or 1.3 with its own cipher suites)",
                 server_name);
  }
  const grpc_ssl_client_certificate_request_type client_certificates =
      pem.client_ca.empty() ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                            : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;

  if (settings.reload_interval.count() <= 0) {
    grpc::SslServerCredentialsOptions ssl(client_certificates);
    ssl.pem_key_cert_pairs.push_back({pem.private_key, pem.cert_chain});
    ssl.pem_root_certs = pem.client_ca;
    return grpc::SslServerCredentials(ssl);
  }

  const auto seconds = std::chrono::ceil<std::chrono::seconds>(settings.reload_interval).count();
  const auto refresh = static_cast<unsigned int>(std::max<decltype(seconds)>(1, seconds));
  auto provider = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      settings.key_file, settings.cert_file, settings.client_ca_file, refresh);
  grpc::experimental::TlsServerCredentialsOptions options(provider);
  options.watch_identity_key_cert_pairs();
  if (!pem.client_ca.empty()) options.watch_root_certs();
  options.set_cert_request_type(client_certificates);
  return grpc::experimental::TlsServerCredentials(options);
}

}  // namespace peregrine::common
