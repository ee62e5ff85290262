// OTLP ExportTraceServiceRequest → model::SpanBatch (mapping rules documented in otlp_to_model.hpp).
#include "backend/convert/otlp_to_model.hpp"

#include <memory>
#include <string_view>
#include <utility>

#include "backend/convert/otlp_attributes.hpp"

namespace peregrine::convert {
namespace {

namespace otlp_common = opentelemetry::proto::common::v1;
namespace otlp_trace = opentelemetry::proto::trace::v1;

constexpr std::string_view kServiceNameKey = "service.name";
constexpr std::string_view kNoServiceName = "OTLPResourceNoServiceName";
constexpr std::string_view kRefTypeKey = "opentracing.ref_type";
constexpr std::string_view kRefTypeChildOf = "child_of";
constexpr std::string_view kRefTypeFollowsFrom = "follows_from";
constexpr uint32_t kSampledFlag = 1;

bool all_zero(const std::string& bytes) {
  for (char c : bytes) {
    if (c != 0) return false;
  }
  return true;
}

const unsigned char* as_bytes(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// Where a span sits in the request, for error messages.
struct SpanLocation {
  size_t resource = 0;
  size_t scope = 0;
  size_t span = 0;

  std::string describe() const {
    return "resource_spans[" + std::to_string(resource) + "].scope_spans[" + std::to_string(scope) + "].spans[" +
           std::to_string(span) + "]";
  }
};

// Returns an empty string when the span's own IDs are valid, else what is wrong.
std::string check_span_ids(const otlp_trace::Span& span) {
  if (span.trace_id().size() != 16)
    return "trace_id must be 16 bytes, got " + std::to_string(span.trace_id().size());
  if (all_zero(span.trace_id())) return "trace_id must not be all zeros";
  if (span.span_id().size() != 8) return "span_id must be 8 bytes, got " + std::to_string(span.span_id().size());
  if (all_zero(span.span_id())) return "span_id must not be all zeros";
  if (!span.parent_span_id().empty() && span.parent_span_id().size() != 8)
    return "parent_span_id must be empty or 8 bytes, got " + std::to_string(span.parent_span_id().size());
  for (int i = 0; i < span.links_size(); ++i) {
    const auto& link = span.links(i);
    if (link.trace_id().size() != 16)
      return "links[" + std::to_string(i) + "].trace_id must be 16 bytes, got " +
             std::to_string(link.trace_id().size());
    if (link.span_id().size() != 8)
      return "links[" + std::to_string(i) + "].span_id must be 8 bytes, got " + std::to_string(link.span_id().size());
  }
  return {};
}

const char* span_kind_name(int kind) {
  switch (kind) {
    case otlp_trace::Span::SPAN_KIND_INTERNAL:
      return "internal";
    case otlp_trace::Span::SPAN_KIND_SERVER:
      return "server";
    case otlp_trace::Span::SPAN_KIND_CLIENT:
      return "client";
    case otlp_trace::Span::SPAN_KIND_PRODUCER:
      return "producer";
    case otlp_trace::Span::SPAN_KIND_CONSUMER:
      return "consumer";
    default:
      return nullptr;
  }
}

model::ProcessPtr make_process(otlp_trace::ResourceSpans& resource_spans) {
  auto process = std::make_shared<model::Process>();
  if (resource_spans.has_resource()) {
    auto& attributes = *resource_spans.mutable_resource()->mutable_attributes();
    process->tags.reserve(attributes.size());
    for (auto& attr : attributes) {
      if (attr.key() == kServiceNameKey) {
        if (attr.value().value_case() == otlp_common::AnyValue::kStringValue) {
          process->service_name = std::move(*attr.mutable_value()->mutable_string_value());
        } else {
          process->service_name = otlp_value_as_string(attr.value());
        }
        continue;
      }
      if (attr.has_value()) {
        process->tags.push_back(otlp_value_to_key_value(std::move(*attr.mutable_key()), *attr.mutable_value()));
      } else {
        process->tags.push_back(model::KeyValue::String(std::move(*attr.mutable_key()), std::string()));
      }
    }
  }
  if (process->service_name.empty()) process->service_name = kNoServiceName;
  return process;
}

// Tags every span of a ScopeSpans shares: scope attributes, otel.scope.name, otel.scope.version.
model::KeyValues scope_tags(otlp_trace::ScopeSpans& scope_spans) {
  model::KeyValues tags;
  if (!scope_spans.has_scope()) return tags;
  auto& scope = *scope_spans.mutable_scope();
  tags.reserve(scope.attributes_size() + 2);
  append_otlp_attributes(*scope.mutable_attributes(), tags);
  if (!scope.name().empty()) tags.push_back(model::KeyValue::String("otel.scope.name", scope.name()));
  if (!scope.version().empty()) tags.push_back(model::KeyValue::String("otel.scope.version", scope.version()));
  return tags;
}

void append_references(otlp_trace::Span& span, const model::TraceID& trace_id, model::Span& out) {
  const bool has_parent = span.parent_span_id().size() == 8 && !all_zero(span.parent_span_id());
  out.references.reserve(span.links_size() + (has_parent ? 1 : 0));
  if (has_parent) {
    out.references.push_back(
        model::SpanRef{trace_id, model::span_id_from_bytes(as_bytes(span.parent_span_id())), model::RefType::ChildOf});
  }
  for (int i = 0; i < span.links_size(); ++i) {
    auto& link = *span.mutable_links(i);
    model::SpanRef ref{model::TraceID::from_bytes(as_bytes(link.trace_id())),
                       model::span_id_from_bytes(as_bytes(link.span_id())), model::RefType::FollowsFrom};
    std::string tag_prefix;
    for (auto& attr : *link.mutable_attributes()) {
      if (attr.key() == kRefTypeKey) {
        const std::string& ref_type = attr.value().string_value();
        if (ref_type == kRefTypeChildOf) {
          ref.type = model::RefType::ChildOf;
          continue;
        }
        if (ref_type == kRefTypeFollowsFrom) continue;
      }
      if (tag_prefix.empty()) tag_prefix = "otel.link." + std::to_string(i) + ".";
      std::string key = tag_prefix + attr.key();
      if (attr.has_value()) {
        out.tags.push_back(otlp_value_to_key_value(std::move(key), *attr.mutable_value()));
      } else {
        out.tags.push_back(model::KeyValue::String(std::move(key), std::string()));
      }
    }
    out.references.push_back(ref);
  }
}

void append_status_tags(const otlp_trace::Status& status, model::KeyValues& tags) {
  switch (status.code()) {
    case otlp_trace::Status::STATUS_CODE_OK:
      tags.push_back(model::KeyValue::String("otel.status_code", "OK"));
      break;
    case otlp_trace::Status::STATUS_CODE_ERROR:
      tags.push_back(model::KeyValue::String("otel.status_code", "ERROR"));
      tags.push_back(model::KeyValue::Bool("error", true));
      break;
    default:
      break;
  }
  if (!status.message().empty()) tags.push_back(model::KeyValue::String("otel.status_description", status.message()));
}

void append_logs(otlp_trace::Span& span, model::Span& out) {
  out.logs.reserve(span.events_size());
  for (auto& event : *span.mutable_events()) {
    model::Log log;
    log.timestamp_us = static_cast<int64_t>(event.time_unix_nano() / 1000);
    log.fields.reserve(event.attributes_size() + 1);
    if (!event.name().empty()) log.fields.push_back(model::KeyValue::String("event", std::move(*event.mutable_name())));
    append_otlp_attributes(*event.mutable_attributes(), log.fields);
    out.logs.push_back(std::move(log));
  }
}

size_t link_attribute_count(const otlp_trace::Span& span) {
  size_t n = 0;
  for (const auto& link : span.links()) n += static_cast<size_t>(link.attributes_size());
  return n;
}

model::Span convert_span(otlp_trace::Span& span, const model::KeyValues& shared_scope_tags,
                         const model::ProcessPtr& process) {
  model::Span out;
  out.trace_id = model::TraceID::from_bytes(as_bytes(span.trace_id()));
  out.span_id = model::span_id_from_bytes(as_bytes(span.span_id()));
  out.operation_name = std::move(*span.mutable_name());
  out.flags = kSampledFlag;
  out.start_time_us = static_cast<int64_t>(span.start_time_unix_nano() / 1000);
  out.duration_us = span.end_time_unix_nano() > span.start_time_unix_nano()
                        ? static_cast<int64_t>((span.end_time_unix_nano() - span.start_time_unix_nano()) / 1000)
                        : 0;
  out.process = process;

  // attributes + scope tags + kind + status (≤3) + tracestate + dropped counts (≤3) + link attributes
  out.tags.reserve(span.attributes_size() + shared_scope_tags.size() + 8 + link_attribute_count(span));
  append_otlp_attributes(*span.mutable_attributes(), out.tags);
  out.tags.insert(out.tags.end(), shared_scope_tags.begin(), shared_scope_tags.end());
  if (const char* kind = span_kind_name(span.kind())) out.tags.push_back(model::KeyValue::String("span.kind", kind));
  if (span.has_status()) append_status_tags(span.status(), out.tags);
  if (!span.trace_state().empty())
    out.tags.push_back(model::KeyValue::String("w3c.tracestate", std::move(*span.mutable_trace_state())));
  if (span.dropped_attributes_count() != 0)
    out.tags.push_back(model::KeyValue::Int64("otel.dropped_attributes_count", span.dropped_attributes_count()));
  if (span.dropped_events_count() != 0)
    out.tags.push_back(model::KeyValue::Int64("otel.dropped_events_count", span.dropped_events_count()));
  if (span.dropped_links_count() != 0)
    out.tags.push_back(model::KeyValue::Int64("otel.dropped_links_count", span.dropped_links_count()));

  append_references(span, out.trace_id, out);
  append_logs(span, out);
  return out;
}

}  // namespace

size_t otlp_count_spans(const OtlpExportRequest& request) {
  size_t n = 0;
  for (const auto& resource_spans : request.resource_spans()) {
    for (const auto& scope_spans : resource_spans.scope_spans()) n += static_cast<size_t>(scope_spans.spans_size());
  }
  return n;
}

OtlpToModelResult otlp_to_model(OtlpExportRequest&& request) {
  OtlpToModelResult result;
  // Validate every ID before converting anything: the request is accepted or rejected as a whole.
  SpanLocation where;
  for (const auto& resource_spans : request.resource_spans()) {
    where.scope = 0;
    for (const auto& scope_spans : resource_spans.scope_spans()) {
      where.span = 0;
      for (const auto& span : scope_spans.spans()) {
        std::string problem = check_span_ids(span);
        if (!problem.empty()) {
          result.error = "invalid span " + where.describe() + ": " + problem;
          return result;
        }
        ++where.span;
      }
      ++where.scope;
    }
    ++where.resource;
  }

  result.batch.reserve(otlp_count_spans(request));
  for (auto& resource_spans : *request.mutable_resource_spans()) {
    if (resource_spans.scope_spans_size() == 0) continue;
    const model::ProcessPtr process = make_process(resource_spans);
    for (auto& scope_spans : *resource_spans.mutable_scope_spans()) {
      const model::KeyValues shared_scope_tags = scope_tags(scope_spans);
      for (auto& span : *scope_spans.mutable_spans()) {
        result.batch.push_back(convert_span(span, shared_scope_tags, process));
      }
    }
  }
  return result;
}

OtlpToModelResult otlp_to_model(const OtlpExportRequest& request) {
  OtlpExportRequest copy(request);
  return otlp_to_model(std::move(copy));
}

}  // namespace peregrine::convert
