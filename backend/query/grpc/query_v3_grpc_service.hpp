// jaeger.api_v3.QueryService over the query service (adjusters and query metrics as on the HTTP API):
//   GetTrace        → stream of OTLP TracesData (a large trace is split over several consecutive messages of
//                     ≤ ~1 MiB); NOT_FOUND "trace not found"; INVALID_ARGUMENT for a malformed or zero trace_id
//   FindTraces      → each matching trace streamed in turn the same way; INVALID_ARGUMENT "missing query",
//                     "start time min and max are required parameters", bad durations/search_depth, or a
//                     structured filter (field 10, unsupported)
//   GetServices / GetOperations / GetDependencies ([start, end], both required)
// Storage failures: UNAVAILABLE / INTERNAL (query_grpc_calls.hpp).
#pragma once
#include "backend/query/grpc/query_grpc_calls.hpp"
#include "backend/query/query_service.hpp"
#include "jaeger/api_v3/query_service.grpc.pb.h"

namespace peregrine::query {

class QueryV3GrpcService final : public jaeger::api_v3::QueryService::Service {
 public:
  QueryV3GrpcService(QueryService& service, QueryGrpcCalls& calls) : service_(service), calls_(calls) {}

  grpc::Status GetTrace(grpc::ServerContext* context, const jaeger::api_v3::GetTraceRequest* request,
                        grpc::ServerWriter<opentelemetry::proto::trace::v1::TracesData>* writer) override;
  grpc::Status FindTraces(grpc::ServerContext* context, const jaeger::api_v3::FindTracesRequest* request,
                          grpc::ServerWriter<opentelemetry::proto::trace::v1::TracesData>* writer) override;
  grpc::Status GetServices(grpc::ServerContext* context, const jaeger::api_v3::GetServicesRequest* request,
                           jaeger::api_v3::GetServicesResponse* response) override;
  grpc::Status GetOperations(grpc::ServerContext* context, const jaeger::api_v3::GetOperationsRequest* request,
                             jaeger::api_v3::GetOperationsResponse* response) override;
  grpc::Status GetDependencies(grpc::ServerContext* context, const jaeger::api_v3::GetDependenciesRequest* request,
                               jaeger::api_v3::DependenciesResponse* response) override;

 private:
  QueryService& service_;
  QueryGrpcCalls& calls_;
};

}  // namespace peregrine::query
