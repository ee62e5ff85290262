// Sampling strategies fetched from a collector over gRPC (see grpc_strategy_provider.hpp).
#include "backend/agent/grpc_strategy_provider.hpp"

#include <grpcpp/client_context.h>

#include "backend/sampling/strategy_proto.hpp"

namespace peregrine::agent {

GrpcStrategyProvider::GrpcStrategyProvider(std::vector<std::shared_ptr<grpc::Channel>> channels,
                                           common::MetricsRegistry& metrics, std::chrono::milliseconds timeout)
    : metrics_(metrics), timeout_(timeout) {
  for (auto& c : channels) stubs_.push_back(jaeger::api_v2::SamplingManager::NewStub(c));
}

sampling::SamplingStrategy GrpcStrategyProvider::get_sampling_strategy(const std::string& service_name) {
  if (stubs_.empty()) throw sampling::StrategyUnavailable("no collector configured");
  jaeger::api_v2::SamplingStrategyParameters request;
  request.set_servicename(service_name);
  jaeger::api_v2::SamplingStrategyResponse response;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + timeout_);
  grpc::Status status = stubs_[next_.fetch_add(1) % stubs_.size()]->GetSamplingStrategy(&context, request, &response);
  metrics_
      .counter("jaeger_agent_collector_proxy_total", "Number of requests proxied by the agent to the collector",
               {{"endpoint", "sampling"}, {"protocol", "grpc"}, {"result", status.ok() ? "ok" : "err"}})
      .inc();
  if (!status.ok()) throw sampling::StrategyUnavailable(status.error_message());
  return sampling::strategy_from_proto(response);
}

}  // namespace peregrine::agent
