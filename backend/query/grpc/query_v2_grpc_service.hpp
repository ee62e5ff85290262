// jaeger.api_v2.QueryService over the query service (so adjusters and query metrics apply as on the HTTP API):
//   GetTrace        → stream of SpansResponseChunk (10 spans each); NOT_FOUND "trace not found" when absent;
//                     INVALID_ARGUMENT for an empty, zero or wrongly sized trace_id; raw_traces skips adjusters
//   FindTraces      → each matching trace streamed as chunks in turn; INVALID_ARGUMENT "missing query" or for
//                     bad times/durations/search_depth (see query_grpc_params.hpp)
//   GetServices / GetOperations (operations + deprecated operationNames) / GetDependencies ([start, end],
//                     both required)
//   ArchiveTrace    → copies the trace into the archive storage; NOT_FOUND "trace not found: trace not found";
//                     INTERNAL "failed to archive trace: archive span storage was not configured" without one
// Storage failures: UNAVAILABLE / INTERNAL with Jaeger's message prefixes (query_grpc_calls.hpp).
#pragma once
#include "backend/query/grpc/query_grpc_calls.hpp"
#include "backend/query/query_service.hpp"
#include "jaeger/query.grpc.pb.h"

namespace peregrine::query {

class QueryV2GrpcService final : public jaeger::api_v2::QueryService::Service {
 public:
  QueryV2GrpcService(QueryService& service, QueryGrpcCalls& calls) : service_(service), calls_(calls) {}

  grpc::Status GetTrace(grpc::ServerContext* context, const jaeger::api_v2::GetTraceRequest* request,
                        grpc::ServerWriter<jaeger::api_v2::SpansResponseChunk>* writer) override;
  grpc::Status ArchiveTrace(grpc::ServerContext* context, const jaeger::api_v2::ArchiveTraceRequest* request,
                            jaeger::api_v2::ArchiveTraceResponse* response) override;
  grpc::Status FindTraces(grpc::ServerContext* context, const jaeger::api_v2::FindTracesRequest* request,
                          grpc::ServerWriter<jaeger::api_v2::SpansResponseChunk>* writer) override;
  grpc::Status GetServices(grpc::ServerContext* context, const jaeger::api_v2::GetServicesRequest* request,
                           jaeger::api_v2::GetServicesResponse* response) override;
  grpc::Status GetOperations(grpc::ServerContext* context, const jaeger::api_v2::GetOperationsRequest* request,
                             jaeger::api_v2::GetOperationsResponse* response) override;
  grpc::Status GetDependencies(grpc::ServerContext* context, const jaeger::api_v2::GetDependenciesRequest* request,
                               jaeger::api_v2::GetDependenciesResponse* response) override;

 private:
  QueryService& service_;
  QueryGrpcCalls& calls_;
};

}  // namespace peregrine::query
