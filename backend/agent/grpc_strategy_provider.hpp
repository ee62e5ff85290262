// GrpcStrategyProvider: the agent's sampling source (served on 5778) — asks a collector with
// jaeger.api_v2.SamplingManager/GetSamplingStrategy, rotating across channels; failures throw
// sampling::StrategyUnavailable (the HTTP endpoint answers 500 "collector error: ...").
// Counted in jaeger_agent_collector_proxy_total{endpoint="sampling",protocol="grpc",result="ok|err"}.
#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <vector>

#include <grpcpp/channel.h>

#include "backend/common/metrics.hpp"
#include "backend/sampling/strategy_provider.hpp"
#include "jaeger/sampling.grpc.pb.h"

namespace peregrine::agent {

class GrpcStrategyProvider : public sampling::StrategyProvider {
 public:
  GrpcStrategyProvider(std::vector<std::shared_ptr<grpc::Channel>> channels, common::MetricsRegistry& metrics,
                       std::chrono::milliseconds timeout = std::chrono::seconds(5));
  sampling::SamplingStrategy get_sampling_strategy(const std::string& service_name) override;

 private:
  std::vector<std::unique_ptr<jaeger::api_v2::SamplingManager::Stub>> stubs_;
  common::MetricsRegistry& metrics_;
  std::chrono::milliseconds timeout_;
  std::atomic<size_t> next_{0};
};

}  // namespace peregrine::agent
