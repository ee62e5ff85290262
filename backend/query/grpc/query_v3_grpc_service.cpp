// jaeger.api_v3.QueryService handlers (see query_v3_grpc_service.hpp).
#include "backend/query/grpc/query_v3_grpc_service.hpp"

#include <grpcpp/grpcpp.h>

#include <utility>

#include "backend/query/grpc/query_grpc_params.hpp"
#include "backend/query/grpc/query_grpc_responses.hpp"

namespace peregrine::query {

namespace {

namespace api = jaeger::api_v3;
using opentelemetry::proto::trace::v1::TracesData;

constexpr const char* kTraceNotFound = "trace not found";

grpc::Status invalid(const std::string& message) { return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, message); }

grpc::Status client_gone() { return grpc::Status(grpc::StatusCode::CANCELLED, "client stopped reading the stream"); }

V3ChunkSender writer_sender(grpc::ServerWriter<TracesData>* writer) {
  return [writer](const TracesData& data) { return writer->Write(data); };
}

}  // namespace

grpc::Status QueryV3GrpcService::GetTrace(grpc::ServerContext*, const api::GetTraceRequest* request,
                                          grpc::ServerWriter<TracesData>* writer) {
  return calls_.run("api_v3.GetTrace", "cannot retrieve trace", [&] {
    std::string error;
    auto id = grpc_v3_trace_id(request->trace_id(), &error);
    if (!id) return invalid(error);
    auto trace = service_.get_trace(*id, !request->raw_traces());
    if (!trace) return grpc::Status(grpc::StatusCode::NOT_FOUND, kTraceNotFound);
    if (!send_v3_trace_chunks(std::move(*trace), kV3ChunkLimits, writer_sender(writer))) return client_gone();
    return grpc::Status::OK;
  });
}

grpc::Status QueryV3GrpcService::FindTraces(grpc::ServerContext* context, const api::FindTracesRequest* request,
                                            grpc::ServerWriter<TracesData>* writer) {
  return calls_.run("api_v3.FindTraces", "failed when searching for traces", [&] {
    GrpcTraceQuery parsed = grpc_v3_trace_query(*request);
    if (!parsed.ok()) return invalid(parsed.error);
    auto traces = service_.find_traces(parsed.query, !parsed.raw_traces);
    const V3ChunkSender send = writer_sender(writer);
    for (auto& trace : traces) {
      if (context->IsCancelled() || !send_v3_trace_chunks(std::move(trace), kV3ChunkLimits, send)) {
        return client_gone();
      }
    }
    return grpc::Status::OK;
  });
}

grpc::Status QueryV3GrpcService::GetServices(grpc::ServerContext*, const api::GetServicesRequest*,
                                             api::GetServicesResponse* response) {
  return calls_.run("api_v3.GetServices", "failed to fetch services", [&] {
    *response = v3_services_response(service_.get_services());
    return grpc::Status::OK;
  });
}

grpc::Status QueryV3GrpcService::GetOperations(grpc::ServerContext*, const api::GetOperationsRequest* request,
                                               api::GetOperationsResponse* response) {
  return calls_.run("api_v3.GetOperations", "failed to fetch operations", [&] {
    *response = v3_operations_response(
        service_.get_operations(storage::OperationQuery{request->service(), request->span_kind()}));
    return grpc::Status::OK;
  });
}

grpc::Status QueryV3GrpcService::GetDependencies(grpc::ServerContext*, const api::GetDependenciesRequest* request,
                                                 api::DependenciesResponse* response) {
  return calls_.run("api_v3.GetDependencies", "failed to fetch dependencies", [&] {
    GrpcDependencyWindow window = grpc_dependency_window(request->start_time(), request->end_time());
    if (!window.ok()) return invalid(window.error);
    *response = v3_dependencies_response(service_.get_dependencies(window.end_ts_us, window.lookback_us));
    return grpc::Status::OK;
  });
}

}  // namespace peregrine::query
