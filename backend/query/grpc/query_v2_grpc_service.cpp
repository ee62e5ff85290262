// jaeger.api_v2.QueryService handlers (see query_v2_grpc_service.hpp).
#include "backend/query/grpc/query_v2_grpc_service.hpp"

#include <grpcpp/grpcpp.h>

#include "backend/query/grpc/query_grpc_params.hpp"
#include "backend/query/grpc/query_grpc_responses.hpp"

namespace peregrine::query {

namespace {

namespace api = jaeger::api_v2;

constexpr const char* kTraceNotFound = "trace not found";
constexpr const char* kNoArchiveStorage = "archive span storage was not configured";

grpc::Status invalid(const std::string& message) { return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, message); }

grpc::Status client_gone() { return grpc::Status(grpc::StatusCode::CANCELLED, "client stopped reading the stream"); }

V2ChunkSender writer_sender(grpc::ServerWriter<api::SpansResponseChunk>* writer) {
  return [writer](const api::SpansResponseChunk& chunk) { return writer->Write(chunk); };
}

}  // namespace

grpc::Status QueryV2GrpcService::GetTrace(grpc::ServerContext*, const api::GetTraceRequest* request,
                                          grpc::ServerWriter<api::SpansResponseChunk>* writer) {
  return calls_.run("api_v2.GetTrace", "failed to fetch spans from the backend", [&] {
    std::string error;
    auto id = grpc_v2_trace_id(request->trace_id(), &error);
    if (!id) return invalid(error);
    auto trace = service_.get_trace(*id, !request->raw_traces());
    if (!trace) return grpc::Status(grpc::StatusCode::NOT_FOUND, kTraceNotFound);
    if (!send_v2_trace_chunks(*trace, kV2ChunkLimits, writer_sender(writer))) return client_gone();
    return grpc::Status::OK;
  });
}

grpc::Status QueryV2GrpcService::ArchiveTrace(grpc::ServerContext*, const api::ArchiveTraceRequest* request,
                                              api::ArchiveTraceResponse*) {
  return calls_.run("api_v2.ArchiveTrace", "failed to archive trace", [&] {
    std::string error;
    auto id = grpc_v2_trace_id(request->trace_id(), &error);
    if (!id) return invalid(error);
    switch (service_.archive_trace(*id)) {
      case ArchiveOutcome::Archived: return grpc::Status::OK;
      case ArchiveOutcome::TraceNotFound:
        // Jaeger: "%s: %v" of msgTraceNotFound and spanstore.ErrTraceNotFound.
        return grpc::Status(grpc::StatusCode::NOT_FOUND, std::string(kTraceNotFound) + ": " + kTraceNotFound);
      case ArchiveOutcome::NoArchiveStorage: break;
    }
    return grpc::Status(grpc::StatusCode::INTERNAL, std::string("failed to archive trace: ") + kNoArchiveStorage);
  });
}

grpc::Status QueryV2GrpcService::FindTraces(grpc::ServerContext* context, const api::FindTracesRequest* request,
                                            grpc::ServerWriter<api::SpansResponseChunk>* writer) {
  return calls_.run("api_v2.FindTraces", "failed when searching for traces", [&] {
    GrpcTraceQuery parsed = grpc_v2_trace_query(*request);
    if (!parsed.ok()) return invalid(parsed.error);
    const auto traces = service_.find_traces(parsed.query, !parsed.raw_traces);
    const V2ChunkSender send = writer_sender(writer);
    for (const auto& trace : traces) {
      if (context->IsCancelled() || !send_v2_trace_chunks(trace, kV2ChunkLimits, send)) return client_gone();
    }
    return grpc::Status::OK;
  });
}

grpc::Status QueryV2GrpcService::GetServices(grpc::ServerContext*, const api::GetServicesRequest*,
                                             api::GetServicesResponse* response) {
  return calls_.run("api_v2.GetServices", "failed to fetch services", [&] {
    *response = v2_services_response(service_.get_services());
    return grpc::Status::OK;
  });
}

grpc::Status QueryV2GrpcService::GetOperations(grpc::ServerContext*, const api::GetOperationsRequest* request,
                                               api::GetOperationsResponse* response) {
  return calls_.run("api_v2.GetOperations", "failed to fetch operations", [&] {
    *response = v2_operations_response(
        service_.get_operations(storage::OperationQuery{request->service(), request->span_kind()}));
    return grpc::Status::OK;
  });
}

grpc::Status QueryV2GrpcService::GetDependencies(grpc::ServerContext*, const api::GetDependenciesRequest* request,
                                                 api::GetDependenciesResponse* response) {
  return calls_.run("api_v2.GetDependencies", "failed to fetch dependencies", [&] {
    GrpcDependencyWindow window = grpc_dependency_window(request->start_time(), request->end_time());
    if (!window.ok()) return invalid(window.error);
    *response = v2_dependencies_response(service_.get_dependencies(window.end_ts_us, window.lookback_us));
    return grpc::Status::OK;
  });
}

}  // namespace peregrine::query
