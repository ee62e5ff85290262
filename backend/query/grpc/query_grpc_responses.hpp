// Query results → gRPC response messages of jaeger.api_v2 and jaeger.api_v3, reusing the shared converters
// (convert/jaeger/jaeger_proto.hpp for api_v2 spans, convert/otlp_from_model.hpp for api_v3 TracesData).
// Streamed answers are produced chunk by chunk through a `send` callback that returns false to stop (the client
// went away), so a large trace is never held twice in full.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "backend/model/dependency_link.hpp"
#include "backend/model/trace.hpp"
#include "backend/query/grpc/span_chunks.hpp"
#include "backend/storage/span_reader.hpp"
#include "jaeger/api_v3/query_service.pb.h"
#include "jaeger/query.pb.h"
#include "opentelemetry/proto/trace/v1/trace.pb.h"

namespace peregrine::query {

using V2ChunkSender = std::function<bool(const jaeger::api_v2::SpansResponseChunk&)>;
using V3ChunkSender = std::function<bool(const opentelemetry::proto::trace::v1::TracesData&)>;

// Sends the trace's spans (each with its process) in order as SpansResponseChunk messages. Returns false as
// soon as `send` does; true for a trace without spans (nothing sent).
bool send_v2_trace_chunks(const model::Trace& trace, SpanChunkLimits limits, const V2ChunkSender& send);

// Sends the trace as one or more TracesData messages, each holding a consecutive run of its spans grouped by
// resource and scope. Consumes the trace's spans. Returns false as soon as `send` does.
bool send_v3_trace_chunks(model::Trace&& trace, SpanChunkLimits limits, const V3ChunkSender& send);

// operations plus the deprecated operationNames (distinct names, first-seen order).
jaeger::api_v2::GetOperationsResponse v2_operations_response(const std::vector<storage::Operation>& operations);
jaeger::api_v2::GetDependenciesResponse v2_dependencies_response(const std::vector<model::DependencyLink>& links);
jaeger::api_v2::GetServicesResponse v2_services_response(const std::vector<std::string>& services);

jaeger::api_v3::GetOperationsResponse v3_operations_response(const std::vector<storage::Operation>& operations);
jaeger::api_v3::DependenciesResponse v3_dependencies_response(const std::vector<model::DependencyLink>& links);
jaeger::api_v3::GetServicesResponse v3_services_response(const std::vector<std::string>& services);

}  // namespace peregrine::query
