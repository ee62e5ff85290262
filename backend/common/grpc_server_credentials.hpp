// gRPC server credentials from TlsServerSettings (Jaeger's `*.tls.*` flags of the gRPC servers: collector
// 14250 and OTLP 4317, query 16685). Disabled → insecure. Enabled → the certificate and key (checked at start-up,
// so a bad file fails start-up rather than every handshake), client certificates required and verified when a
// client CA is set, and with reload-interval > 0 a file-watching provider that re-reads cert, key and client CA
// at that interval (whole seconds, at least 1). gRPC 1.51's C++ API cannot restrict TLS versions or cipher
// suites per server: min-version, max-version and cipher-suites are validated, then logged as not enforced
// (gRPC negotiates TLS 1.2 or 1.3 with its own suites).
#pragma once
#include <memory>
#include <string>

#include "backend/common/tls_settings.hpp"

namespace grpc {
class ServerCredentials;
}  // namespace grpc

namespace peregrine::common {

// `server_name` names the server in log lines. Throws std::runtime_error for unreadable or unusable files.
std::shared_ptr<grpc::ServerCredentials> grpc_server_credentials(const TlsServerSettings& settings,
                                                                 const std::string& server_name);

}  // namespace peregrine::common
