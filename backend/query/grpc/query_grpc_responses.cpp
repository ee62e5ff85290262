// Building gRPC query responses from query results (see query_grpc_responses.hpp).
#include "backend/query/grpc/query_grpc_responses.hpp"

#include <unordered_set>
#include <utility>

#include "backend/convert/jaeger/jaeger_proto.hpp"
#include "backend/convert/otlp_from_model.hpp"

namespace peregrine::query {

bool send_v2_trace_chunks(const model::Trace& trace, SpanChunkLimits limits, const V2ChunkSender& send) {
  for (const auto& [begin, end] : span_chunk_ranges(trace.spans, limits)) {
    jaeger::api_v2::SpansResponseChunk chunk;
    chunk.mutable_spans()->Reserve(static_cast<int>(end - begin));
    for (size_t i = begin; i < end; ++i) convert::jaeger_span_to_proto(trace.spans[i], chunk.add_spans(), true);
    if (!send(chunk)) return false;
  }
  return true;
}

bool send_v3_trace_chunks(model::Trace&& trace, SpanChunkLimits limits, const V3ChunkSender& send) {
  for (const auto& [begin, end] : span_chunk_ranges(trace.spans, limits)) {
    model::Trace part;
    part.spans.reserve(end - begin);
    for (size_t i = begin; i < end; ++i) part.spans.push_back(std::move(trace.spans[i]));
    opentelemetry::proto::trace::v1::TracesData data;
    convert::append_otlp_resource_spans(part, data);
    if (!send(data)) return false;
  }
  trace.spans.clear();
  return true;
}

jaeger::api_v2::GetOperationsResponse v2_operations_response(const std::vector<storage::Operation>& operations) {
  jaeger::api_v2::GetOperationsResponse out;
  std::unordered_set<std::string> seen;
  for (const auto& op : operations) {
    auto* o = out.add_operations();
    o->set_name(op.name);
    o->set_span_kind(op.span_kind);
    if (seen.insert(op.name).second) out.add_operationnames(op.name);
  }
  return out;
}

jaeger::api_v2::GetDependenciesResponse v2_dependencies_response(const std::vector<model::DependencyLink>& links) {
  jaeger::api_v2::GetDependenciesResponse out;
  for (const auto& link : links) {
    auto* d = out.add_dependencies();
    d->set_parent(link.parent);
    d->set_child(link.child);
    d->set_call_count(link.call_count);
    d->set_source(link.source);
  }
  return out;
}

jaeger::api_v2::GetServicesResponse v2_services_response(const std::vector<std::string>& services) {
  jaeger::api_v2::GetServicesResponse out;
  for (const auto& s : services) out.add_services(s);
  return out;
}

jaeger::api_v3::GetOperationsResponse v3_operations_response(const std::vector<storage::Operation>& operations) {
  jaeger::api_v3::GetOperationsResponse out;
  for (const auto& op : operations) {
    auto* o = out.add_operations();
    o->set_name(op.name);
    o->set_span_kind(op.span_kind);
  }
  return out;
}

jaeger::api_v3::DependenciesResponse v3_dependencies_response(const std::vector<model::DependencyLink>& links) {
  jaeger::api_v3::DependenciesResponse out;
  for (const auto& link : links) {
    auto* d = out.add_dependencies();
    d->set_parent(link.parent);
    d->set_child(link.child);
    d->set_call_count(link.call_count);
  }
  return out;
}

jaeger::api_v3::GetServicesResponse v3_services_response(const std::vector<std::string>& services) {
  jaeger::api_v3::GetServicesResponse out;
  for (const auto& s : services) out.add_services(s);
  return out;
}

}  // namespace peregrine::query
