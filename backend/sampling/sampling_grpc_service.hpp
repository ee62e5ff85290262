// gRPC jaeger.api_v2.SamplingManager/GetSamplingStrategy backed by a StrategyProvider. Registered on the
// collector's 14250 server next to CollectorService. A provider failure answers UNAVAILABLE.
#pragma once
#include "backend/sampling/strategy_provider.hpp"
#include "jaeger/sampling.grpc.pb.h"

namespace peregrine::sampling {

class SamplingGrpcService final : public jaeger::api_v2::SamplingManager::CallbackService {
 public:
  explicit SamplingGrpcService(StrategyProvider& provider) : provider_(provider) {}

  grpc::ServerUnaryReactor* GetSamplingStrategy(grpc::CallbackServerContext* context,
                                                const jaeger::api_v2::SamplingStrategyParameters* request,
                                                jaeger::api_v2::SamplingStrategyResponse* response) override;

 private:
  StrategyProvider& provider_;
};

}  // namespace peregrine::sampling
