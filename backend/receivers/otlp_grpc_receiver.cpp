// OTLP/gRPC receiver: TraceService callback implementation and server lifecycle (see otlp_grpc_receiver.hpp).
#include "backend/receivers/otlp_grpc_receiver.hpp"

#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/support/byte_buffer.h>

#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "backend/common/grpc_server_credentials.hpp"
#include "backend/common/http_server.hpp"
#include "backend/receivers/otlp_ingest.hpp"
#include "opentelemetry/proto/collector/trace/v1/trace_service.grpc.pb.h"

namespace peregrine::receivers {
namespace {

namespace collector = opentelemetry::proto::collector::trace::v1;

constexpr const char* kTransport = "grpc";
constexpr const char* kServiceName = "opentelemetry.proto.collector.trace.v1.TraceService";

grpc::Status to_grpc_status(const OtlpIngestOutcome& outcome) {
  switch (outcome.status) {
    case OtlpIngestStatus::Accepted:
      return grpc::Status::OK;
    case OtlpIngestStatus::InvalidArgument:
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, outcome.message);
    case OtlpIngestStatus::QueueFull:
      return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, outcome.message);
    case OtlpIngestStatus::ShuttingDown:
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, outcome.message);
    case OtlpIngestStatus::Undecodable:
      // What gRPC itself answers when it cannot deserialize a request message.
      return grpc::Status(grpc::StatusCode::INTERNAL, outcome.message);
  }
  return grpc::Status(grpc::StatusCode::INTERNAL, "unexpected ingest outcome");
}

// ":4317" → "0.0.0.0:4317", "[::1]:0" → "[::1]:0" (gRPC URI form).
std::string grpc_listen_address(const std::string& host_port) {
  auto [host, port] = common::split_host_port(host_port);
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return host + ":" + std::to_string(port);
}

// The request's bytes as one contiguous view: the single slice when gRPC received it in one, else a copy into
// `storage` (reused per thread). Compressed calls arrive here already inflated.
std::string_view contiguous_bytes(const grpc::ByteBuffer& buffer, grpc::Slice& single, std::string& storage) {
  if (buffer.TrySingleSlice(&single).ok()) {
    return std::string_view(reinterpret_cast<const char*>(single.begin()), single.size());
  }
  thread_local std::vector<grpc::Slice> slices;
  slices.clear();
  storage.clear();
  if (!buffer.Dump(&slices).ok()) return storage;
  size_t total = 0;
  for (const grpc::Slice& s : slices) total += s.size();
  storage.reserve(total);
  for (const grpc::Slice& s : slices) storage.append(reinterpret_cast<const char*>(s.begin()), s.size());
  slices.clear();
  return storage;
}

}  // namespace

// Export takes the raw request bytes: they are decoded straight into the span model (otlp_ingest.hpp), without
// building the generated request message first. The response is the empty ExportTraceServiceResponse (0 bytes).
class OtlpGrpcReceiver::Service final
    : public collector::TraceService::WithRawCallbackMethod_Export<collector::TraceService::Service> {
 public:
  Service(pipeline::Sink& sink, common::MetricsRegistry& metrics) : sink_(sink), metrics_(metrics) {}

  grpc::ServerUnaryReactor* Export(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                   grpc::ByteBuffer* response) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    if (request == nullptr || !request->Valid()) {
      reactor->Finish(grpc::Status(grpc::StatusCode::INTERNAL, "No payload"));
      return reactor;
    }
    thread_local std::string storage;
    grpc::Slice single;
    const std::string_view bytes = contiguous_bytes(*request, single, storage);
    const OtlpIngestOutcome outcome = ingest_otlp_protobuf(bytes, sink_, kTransport, "proto", &metrics_);
    if (outcome.status == OtlpIngestStatus::Accepted) {
      grpc::Slice empty;
      *response = grpc::ByteBuffer(&empty, 1);
    }
    reactor->Finish(to_grpc_status(outcome));
    return reactor;
  }

 private:
  pipeline::Sink& sink_;
  common::MetricsRegistry& metrics_;
};

namespace {
OtlpGrpcOptions options_with_host_port(std::string host_port) {
  OtlpGrpcOptions options;
  options.host_port = std::move(host_port);
  return options;
}
}  // namespace

OtlpGrpcReceiver::OtlpGrpcReceiver(std::string host_port, pipeline::Sink& sink, common::MetricsRegistry& metrics)
    : OtlpGrpcReceiver(options_with_host_port(std::move(host_port)), sink, metrics) {}

OtlpGrpcReceiver::OtlpGrpcReceiver(OtlpGrpcOptions options, pipeline::Sink& sink, common::MetricsRegistry& metrics)
    : options_(std::move(options)), sink_(sink), metrics_(metrics) {}

OtlpGrpcReceiver::~OtlpGrpcReceiver() { stop(); }

void OtlpGrpcReceiver::start() {
  if (server_) return;
  service_ = std::make_unique<Service>(sink_, metrics_);
  grpc::EnableDefaultHealthCheckService(true);

  grpc::ServerBuilder builder;
  int selected_port = 0;
  const std::string address = grpc_listen_address(options_.host_port);
  builder.AddListeningPort(address, common::grpc_server_credentials(options_.tls, "otlp grpc"), &selected_port);
  builder.SetMaxReceiveMessageSize(options_.max_receive_message_bytes);
  // gRPC enables SO_REUSEPORT by default, which would let a second collector silently share the port.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  if (options_.max_connection_age.count() > 0)
    builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS, static_cast<int>(options_.max_connection_age.count()));
  if (options_.max_connection_age_grace.count() > 0)
    builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS,
                               static_cast<int>(options_.max_connection_age_grace.count()));
  builder.RegisterService(service_.get());

  server_ = builder.BuildAndStart();
  if (!server_ || selected_port == 0) {
    server_.reset();
    service_.reset();
    throw std::runtime_error("otlp grpc: cannot listen on " + address);
  }
  port_ = static_cast<uint16_t>(selected_port);
  if (auto* health = server_->GetHealthCheckService()) {
    health->SetServingStatus(true);
    health->SetServingStatus(kServiceName, true);
  }
}

uint16_t OtlpGrpcReceiver::port() const { return port_; }

std::unique_ptr<grpc::Service> OtlpGrpcReceiver::make_service(pipeline::Sink& sink, common::MetricsRegistry& metrics) {
  return std::make_unique<Service>(sink, metrics);
}

void OtlpGrpcReceiver::stop() {
  if (!server_) return;
  if (auto* health = server_->GetHealthCheckService()) health->SetServingStatus(false);
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  server_->Wait();
  server_.reset();
  service_.reset();
}

}  // namespace peregrine::receivers
