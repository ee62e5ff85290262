// Jaeger collector gRPC receiver (see jaeger_grpc_receiver.hpp).
#include "backend/receivers/jaeger/jaeger_grpc_receiver.hpp"

#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <stdexcept>

#include "backend/common/grpc_server_credentials.hpp"
#include "backend/common/http_server.hpp"
#include "backend/convert/jaeger/jaeger_proto.hpp"
#include "backend/receivers/jaeger/span_ingest.hpp"
#include "backend/sampling/sampling_grpc_service.hpp"
#include "jaeger/collector.grpc.pb.h"

namespace peregrine::receivers {
namespace {

namespace api = jaeger::api_v2;

std::string listen_address(const std::string& host_port) {
  auto [host, port] = common::split_host_port(host_port);
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return host + ":" + std::to_string(port);
}

bool byte_buffer_to_string(const grpc::ByteBuffer& buffer, std::string& out) {
  std::vector<grpc::Slice> slices;
  if (!buffer.Dump(&slices).ok()) return false;
  out.clear();
  out.reserve(buffer.Length());
  for (const auto& s : slices) out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return true;
}

}  // namespace

class JaegerGrpcReceiver::CollectorService final
    : public api::CollectorService::WithRawCallbackMethod_PostSpans<api::CollectorService::Service> {
 public:
  CollectorService(pipeline::Sink& sink, common::MetricsRegistry& metrics) : sink_(sink), metrics_(metrics) {}

  grpc::ServerUnaryReactor* PostSpans(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                      grpc::ByteBuffer* response) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(handle(*request));
    grpc::Slice empty("");
    *response = grpc::ByteBuffer(&empty, 1);
    return reactor;
  }

 private:
  grpc::Status handle(const grpc::ByteBuffer& request) {
    const IngestLabels labels{"jaeger", "grpc", "proto", "proto"};
    std::string bytes;
    api::PostSpansRequest parsed;
    if (!byte_buffer_to_string(request, bytes) || bytes.size() > static_cast<size_t>(INT32_MAX) ||
        !parsed.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
      count_rejection(&metrics_, labels, "invalid", 0);
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "cannot parse jaeger.api_v2.PostSpansRequest");
    }
    auto converted = convert::jaeger_batch_from_proto(parsed.batch());
    if (!converted.ok()) {
      count_rejection(&metrics_, labels, "invalid", static_cast<size_t>(parsed.batch().spans_size()));
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, converted.error);
    }
    IngestOutcome outcome = submit_spans(std::move(converted.batch), sink_, labels, &metrics_);
    switch (outcome.status) {
      case IngestStatus::Accepted: return grpc::Status::OK;
      case IngestStatus::QueueFull: return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, outcome.message);
      case IngestStatus::ShuttingDown: return grpc::Status(grpc::StatusCode::UNAVAILABLE, outcome.message);
      case IngestStatus::Invalid: return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, outcome.message);
    }
    return grpc::Status(grpc::StatusCode::INTERNAL, "unexpected ingest outcome");
  }

  pipeline::Sink& sink_;
  common::MetricsRegistry& metrics_;
};

JaegerGrpcReceiver::JaegerGrpcReceiver(JaegerGrpcOptions options, pipeline::Sink& sink,
                                       common::MetricsRegistry& metrics, sampling::StrategyProvider* sampling)
    : options_(std::move(options)), sink_(sink), metrics_(metrics), sampling_(sampling) {}

JaegerGrpcReceiver::~JaegerGrpcReceiver() { stop(); }

void JaegerGrpcReceiver::start() {
  if (server_) return;
  collector_ = std::make_unique<CollectorService>(sink_, metrics_);
  if (sampling_) sampling_service_ = std::make_unique<sampling::SamplingGrpcService>(*sampling_);
  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  int selected_port = 0;
  const std::string address = listen_address(options_.host_port);
  builder.AddListeningPort(address, common::grpc_server_credentials(options_.tls, "jaeger grpc"), &selected_port);
  builder.SetMaxReceiveMessageSize(options_.max_receive_message_bytes);
  builder.RegisterService(collector_.get());
  if (sampling_service_) builder.RegisterService(sampling_service_.get());
  for (const auto& service : options_.cohosted_services) builder.RegisterService(service.get());
  server_ = builder.BuildAndStart();
  if (!server_ || selected_port == 0) {
    server_.reset();
    throw std::runtime_error("jaeger grpc: cannot listen on " + address);
  }
  port_ = static_cast<uint16_t>(selected_port);
  if (auto* health = server_->GetHealthCheckService()) {
    health->SetServingStatus(true);
    health->SetServingStatus("jaeger.api_v2.CollectorService", true);
    if (sampling_service_) health->SetServingStatus("jaeger.api_v2.SamplingManager", true);
  }
}

uint16_t JaegerGrpcReceiver::port() const { return port_; }

void JaegerGrpcReceiver::stop() {
  if (!server_) return;
  if (auto* health = server_->GetHealthCheckService()) health->SetServingStatus(false);
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  server_->Wait();
  server_.reset();
  collector_.reset();
  sampling_service_.reset();
}

}  // namespace peregrine::receivers
