// Span model → OTLP TracesData (mapping rules documented in otlp_from_model.hpp).
#include "backend/convert/otlp_from_model.hpp"

#include <charconv>
#include <string_view>

#include "backend/convert/otlp_attributes.hpp"

namespace peregrine::convert {
namespace {

namespace otlp_trace = opentelemetry::proto::trace::v1;

constexpr std::string_view kLinkTagPrefix = "otel.link.";

std::string trace_id_bytes(const model::TraceID& id) {
  std::string out(16, '\0');
  id.to_bytes(reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

std::string span_id_bytes(model::SpanID id) {
  std::string out(8, '\0');
  model::span_id_to_bytes(id, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

uint64_t us_to_ns(int64_t us) { return us <= 0 ? 0 : static_cast<uint64_t>(us) * 1000; }

otlp_trace::Span::SpanKind span_kind_from_tag(const std::string& kind) {
  if (kind == "internal") return otlp_trace::Span::SPAN_KIND_INTERNAL;
  if (kind == "server") return otlp_trace::Span::SPAN_KIND_SERVER;
  if (kind == "client") return otlp_trace::Span::SPAN_KIND_CLIENT;
  if (kind == "producer") return otlp_trace::Span::SPAN_KIND_PRODUCER;
  if (kind == "consumer") return otlp_trace::Span::SPAN_KIND_CONSUMER;
  return otlp_trace::Span::SPAN_KIND_UNSPECIFIED;
}

bool is_true(const model::KeyValue& kv) {
  return (kv.type == model::ValueType::Bool && kv.b) || (kv.type == model::ValueType::String && kv.str == "true");
}

uint32_t as_count(const model::KeyValue& kv) {
  if (kv.type == model::ValueType::Int64 && kv.i > 0) return static_cast<uint32_t>(kv.i);
  if (kv.type == model::ValueType::String) {
    uint32_t v = 0;
    std::from_chars(kv.str.data(), kv.str.data() + kv.str.size(), v);
    return v;
  }
  return 0;
}

// "otel.link.<i>.<key>" → (i, key); false for any other tag.
bool parse_link_tag(const std::string& tag, size_t& index, std::string_view& key) {
  if (tag.compare(0, kLinkTagPrefix.size(), kLinkTagPrefix) != 0) return false;
  const char* begin = tag.data() + kLinkTagPrefix.size();
  const char* end = tag.data() + tag.size();
  auto [ptr, ec] = std::from_chars(begin, end, index);
  if (ec != std::errc() || ptr == begin || ptr == end || *ptr != '.') return false;
  key = std::string_view(ptr + 1, static_cast<size_t>(end - ptr - 1));
  return true;
}

struct ScopeKey {
  std::string name;
  std::string version;
};

// Builds the OTLP span; reports the span's scope through `scope`.
void convert_span(const model::Span& span, otlp_trace::Span& out, ScopeKey& scope) {
  out.set_trace_id(trace_id_bytes(span.trace_id));
  out.set_span_id(span_id_bytes(span.span_id));
  out.set_name(span.operation_name);
  out.set_start_time_unix_nano(us_to_ns(span.start_time_us));
  out.set_end_time_unix_nano(us_to_ns(span.start_time_us + span.duration_us));

  // References: the first CHILD_OF to the same trace is the parent, the rest become links.
  const model::SpanRef* parent = nullptr;
  for (const auto& ref : span.references) {
    if (ref.type == model::RefType::ChildOf && ref.trace_id == span.trace_id) {
      parent = &ref;
      break;
    }
  }
  if (parent != nullptr) out.set_parent_span_id(span_id_bytes(parent->span_id));
  for (const auto& ref : span.references) {
    if (&ref == parent) continue;
    auto* link = out.add_links();
    link->set_trace_id(trace_id_bytes(ref.trace_id));
    link->set_span_id(span_id_bytes(ref.span_id));
    auto* ref_type = link->add_attributes();
    ref_type->set_key("opentracing.ref_type");
    ref_type->mutable_value()->set_string_value(ref.type == model::RefType::ChildOf ? "child_of" : "follows_from");
  }

  std::string status_code;
  std::string status_description;
  const model::KeyValue* error_tag = nullptr;
  for (const auto& tag : span.tags) {
    const std::string& key = tag.key;
    if (key == "span.kind") {
      out.set_kind(span_kind_from_tag(tag.value_as_string()));
    } else if (key == "otel.status_code") {
      status_code = tag.value_as_string();
    } else if (key == "otel.status_description") {
      status_description = tag.value_as_string();
    } else if (key == "error") {
      error_tag = &tag;
    } else if (key == "w3c.tracestate") {
      out.set_trace_state(tag.value_as_string());
    } else if (key == "otel.scope.name" || key == "otel.library.name") {
      scope.name = tag.value_as_string();
    } else if (key == "otel.scope.version" || key == "otel.library.version") {
      scope.version = tag.value_as_string();
    } else if (key == "otel.dropped_attributes_count") {
      out.set_dropped_attributes_count(as_count(tag));
    } else if (key == "otel.dropped_events_count") {
      out.set_dropped_events_count(as_count(tag));
    } else if (key == "otel.dropped_links_count") {
      out.set_dropped_links_count(as_count(tag));
    } else {
      size_t link_index = 0;
      std::string_view link_key;
      if (parse_link_tag(key, link_index, link_key)) {
        // Links are emitted in reference order minus the parent, matching otlp_to_model's numbering.
        if (link_index < static_cast<size_t>(out.links_size())) {
          auto* attr = out.mutable_links(static_cast<int>(link_index))->add_attributes();
          attr->set_key(std::string(link_key));
          key_value_to_otlp_value(tag, attr->mutable_value());
          continue;
        }
      }
      key_value_to_otlp(tag, out.add_attributes());
    }
  }

  if (status_code == "OK") {
    out.mutable_status()->set_code(otlp_trace::Status::STATUS_CODE_OK);
  } else if (status_code == "ERROR" || (status_code.empty() && error_tag != nullptr && is_true(*error_tag))) {
    out.mutable_status()->set_code(otlp_trace::Status::STATUS_CODE_ERROR);
    error_tag = nullptr;  // represented by the status
  }
  if (!status_description.empty()) out.mutable_status()->set_message(status_description);
  if (error_tag != nullptr) key_value_to_otlp(*error_tag, out.add_attributes());

  for (const auto& log : span.logs) {
    auto* event = out.add_events();
    event->set_time_unix_nano(us_to_ns(log.timestamp_us));
    for (const auto& field : log.fields) {
      if (field.key == "event" && field.type == model::ValueType::String && event->name().empty()) {
        event->set_name(field.str);
        continue;
      }
      key_value_to_otlp(field, event->add_attributes());
    }
  }
}

void fill_resource(const model::Process& process, otlp_trace::ResourceSpans& out) {
  auto* resource = out.mutable_resource();
  auto* service = resource->add_attributes();
  service->set_key("service.name");
  service->mutable_value()->set_string_value(process.service_name);
  for (const auto& tag : process.tags) key_value_to_otlp(tag, resource->add_attributes());
}

bool same_process(const model::ProcessPtr& a, const model::ProcessPtr& b) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr) return false;
  return *a == *b;
}

}  // namespace

void append_otlp_resource_spans(const model::Trace& trace, otlp_trace::TracesData& out) {
  struct Group {
    model::ProcessPtr process;
    otlp_trace::ResourceSpans* resource_spans;
    std::vector<std::pair<ScopeKey, otlp_trace::ScopeSpans*>> scopes;
  };
  std::vector<Group> groups;
  size_t last = 0;
  for (const auto& span : trace.spans) {
    // Spans of one process usually come together: try the last group first.
    Group* group = nullptr;
    if (last < groups.size() && same_process(groups[last].process, span.process)) {
      group = &groups[last];
    } else {
      for (size_t i = 0; i < groups.size(); ++i) {
        if (same_process(groups[i].process, span.process)) {
          group = &groups[i];
          last = i;
          break;
        }
      }
    }
    if (group == nullptr) {
      auto* resource_spans = out.add_resource_spans();
      fill_resource(span.process ? *span.process : model::Process{}, *resource_spans);
      groups.push_back(Group{span.process, resource_spans, {}});
      last = groups.size() - 1;
      group = &groups.back();
    }

    otlp_trace::Span converted;
    ScopeKey scope;
    convert_span(span, converted, scope);

    otlp_trace::ScopeSpans* scope_spans = nullptr;
    for (auto& [key, target] : group->scopes) {
      if (key.name == scope.name && key.version == scope.version) {
        scope_spans = target;
        break;
      }
    }
    if (scope_spans == nullptr) {
      scope_spans = group->resource_spans->add_scope_spans();
      if (!scope.name.empty() || !scope.version.empty()) {
        scope_spans->mutable_scope()->set_name(scope.name);
        scope_spans->mutable_scope()->set_version(scope.version);
      }
      group->scopes.emplace_back(std::move(scope), scope_spans);
    }
    *scope_spans->add_spans() = std::move(converted);
  }
}

otlp_trace::TracesData otlp_from_model(const std::vector<model::Trace>& traces) {
  otlp_trace::TracesData out;
  for (const auto& trace : traces) append_otlp_resource_spans(trace, out);
  return out;
}

}  // namespace peregrine::convert
