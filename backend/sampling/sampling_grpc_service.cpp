// SamplingManager gRPC service (see sampling_grpc_service.hpp).
#include "backend/sampling/sampling_grpc_service.hpp"

#include "backend/sampling/strategy_proto.hpp"

namespace peregrine::sampling {

grpc::ServerUnaryReactor* SamplingGrpcService::GetSamplingStrategy(
    grpc::CallbackServerContext* context, const jaeger::api_v2::SamplingStrategyParameters* request,
    jaeger::api_v2::SamplingStrategyResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  try {
    *response = strategy_to_proto(provider_.get_sampling_strategy(request->servicename()));
    reactor->Finish(grpc::Status::OK);
  } catch (const std::exception& e) {
    reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, e.what()));
  }
  return reactor;
}

}  // namespace peregrine::sampling
