// QueryGrpcServer: jaeger-query's gRPC endpoint (--query.grpc-server.host-port, default :16685). Serves
// jaeger.api_v2.QueryService and jaeger.api_v3.QueryService over one QueryService, grpc.health.v1.Health
// ("" and both query service names report SERVING while running) and, unless disabled, gRPC server reflection
// (grpc.reflection.v1alpha) so tools like grpcurl can call it without .proto files. Optional server TLS, with
// client-certificate verification when a client CA is given and certificate reload (Jaeger's --query.grpc.tls.*
// flags; common/grpc_server_credentials.hpp).
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "backend/common/metrics.hpp"
#include "backend/common/tls_settings.hpp"
#include "backend/query/query_service.hpp"

namespace grpc {
class Server;
}  // namespace grpc

namespace peregrine::query {

class QueryGrpcCalls;
class QueryV2GrpcService;
class QueryV3GrpcService;

using QueryGrpcTlsOptions = common::TlsServerSettings;  // --query.grpc.tls.*

struct QueryGrpcServerOptions {
  std::string host_port = ":16685";  // "host:port", ":port", ":0" for an ephemeral port
  QueryGrpcTlsOptions tls;
  bool reflection = true;
};

class QueryGrpcServer {
 public:
  QueryGrpcServer(std::string host_port, QueryService& service, common::MetricsRegistry& metrics);
  QueryGrpcServer(QueryGrpcServerOptions options, QueryService& service, common::MetricsRegistry& metrics);
  ~QueryGrpcServer();  // stops
  QueryGrpcServer(const QueryGrpcServer&) = delete;
  QueryGrpcServer& operator=(const QueryGrpcServer&) = delete;

  // Binds and serves. Throws std::runtime_error when the address cannot be bound or a TLS file cannot be read.
  void start();
  uint16_t port() const;  // the bound port, valid after start()
  // Reports NOT_SERVING, stops accepting calls, lets in-flight calls finish (up to 5 s, then cancels them) and
  // releases the port. Idempotent.
  void stop();

 private:
  QueryGrpcServerOptions options_;
  QueryService& service_;
  std::unique_ptr<QueryGrpcCalls> calls_;
  std::unique_ptr<QueryV2GrpcService> v2_;
  std::unique_ptr<QueryV3GrpcService> v3_;
  std::unique_ptr<grpc::Server> server_;
  uint16_t port_ = 0;
};

}  // namespace peregrine::query
