// QueryGrpcServer lifecycle: builder setup (listen address, TLS, reflection, health) and shutdown.
#include "backend/query/grpc/query_grpc_server.hpp"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <chrono>
#include <stdexcept>
#include <utility>
#include <vector>

#include "backend/common/grpc_server_credentials.hpp"
#include "backend/common/http_server.hpp"
#include "backend/query/grpc/query_grpc_calls.hpp"
#include "backend/query/grpc/query_v2_grpc_service.hpp"
#include "backend/query/grpc/query_v3_grpc_service.hpp"

namespace peregrine::query {

namespace {

constexpr const char* kV2ServiceName = "jaeger.api_v2.QueryService";
constexpr const char* kV3ServiceName = "jaeger.api_v3.QueryService";
constexpr auto kShutdownGrace = std::chrono::seconds(5);

// ":16685" → "0.0.0.0:16685", "[::1]:0" → "[::1]:0" (gRPC URI form).
std::string grpc_listen_address(const std::string& host_port) {
  auto [host, port] = common::split_host_port(host_port);
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return host + ":" + std::to_string(port);
}

// Makes this builder serve reflection exactly when asked. Loading grpc++_reflection registers the reflection
// plugin for every server of the process at static-initialisation time; this option first drops any such
// instance, then adds one when reflection is wanted, so the result does not depend on link order.
class ReflectionOption final : public grpc::ServerBuilderOption {
 public:
  explicit ReflectionOption(bool enabled) : enabled_(enabled) {}
  void UpdateArguments(grpc::ChannelArguments*) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override {
    const std::string name = grpc::reflection::ProtoServerReflectionPlugin().name();
    std::erase_if(*plugins, [&](const auto& plugin) { return plugin->name() == name; });
    if (enabled_) plugins->push_back(std::make_unique<grpc::reflection::ProtoServerReflectionPlugin>());
  }

 private:
  bool enabled_;
};

QueryGrpcServerOptions options_with_host_port(std::string host_port) {
  QueryGrpcServerOptions options;
  options.host_port = std::move(host_port);
  return options;
}

}  // namespace

QueryGrpcServer::QueryGrpcServer(std::string host_port, QueryService& service, common::MetricsRegistry& metrics)
    : QueryGrpcServer(options_with_host_port(std::move(host_port)), service, metrics) {}

QueryGrpcServer::QueryGrpcServer(QueryGrpcServerOptions options, QueryService& service,
                                 common::MetricsRegistry& metrics)
    : options_(std::move(options)), service_(service), calls_(std::make_unique<QueryGrpcCalls>(metrics)) {}

QueryGrpcServer::~QueryGrpcServer() { stop(); }

void QueryGrpcServer::start() {
  if (server_) return;
  v2_ = std::make_unique<QueryV2GrpcService>(service_, *calls_);
  v3_ = std::make_unique<QueryV3GrpcService>(service_, *calls_);
  grpc::EnableDefaultHealthCheckService(true);

  grpc::ServerBuilder builder;
  int selected_port = 0;
  const std::string address = grpc_listen_address(options_.host_port);
  builder.AddListeningPort(address, common::grpc_server_credentials(options_.tls, "query grpc"), &selected_port);
  // gRPC enables SO_REUSEPORT by default, which would let a second query service silently share the port.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetOption(std::make_unique<ReflectionOption>(options_.reflection));
  builder.RegisterService(v2_.get());
  builder.RegisterService(v3_.get());

  server_ = builder.BuildAndStart();
  if (!server_ || selected_port == 0) {
    server_.reset();
    v2_.reset();
    v3_.reset();
    throw std::runtime_error("query grpc: cannot listen on " + address);
  }
  port_ = static_cast<uint16_t>(selected_port);
  if (auto* health = server_->GetHealthCheckService()) {
    health->SetServingStatus(true);
    health->SetServingStatus(kV2ServiceName, true);
    health->SetServingStatus(kV3ServiceName, true);
  }
}

uint16_t QueryGrpcServer::port() const { return port_; }

void QueryGrpcServer::stop() {
  if (!server_) return;
  if (auto* health = server_->GetHealthCheckService()) health->SetServingStatus(false);
  server_->Shutdown(std::chrono::system_clock::now() + kShutdownGrace);
  server_->Wait();
  server_.reset();
  v2_.reset();
  v3_.reset();
}

}  // namespace peregrine::query
