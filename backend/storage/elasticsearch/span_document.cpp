// Span → Jaeger Elasticsearch document (see span_document.hpp). Written straight into a string buffer in
// Go's field order; this is the writer's hot path.
#include "backend/storage/elasticsearch/span_document.hpp"

#include <cmath>
#include <map>

#include "backend/esutil/go_json.hpp"

namespace peregrine::storage::elasticsearch {

namespace {

using esutil::append_int;
using esutil::append_json_string;
using esutil::append_uint;

// Tags that can move to the "tag" object: Go's json.Marshal rejects NaN/Inf, so those stay nested.
bool goes_to_field(const model::KeyValue& kv, const TagsAsFields& tags) {
  if (!tags.selects(kv)) return false;
  return kv.type != model::ValueType::Float64 || std::isfinite(kv.d);
}

void append_value_string(std::string& out, const model::KeyValue& kv) {
  switch (kv.type) {
    case model::ValueType::String: append_json_string(out, kv.str); return;
    case model::ValueType::Bool: out += kv.b ? "\"true\"" : "\"false\""; return;
    case model::ValueType::Int64:
      out.push_back('"');
      append_int(out, kv.i);
      out.push_back('"');
      return;
    case model::ValueType::Float64: append_json_string(out, esutil::go_format_float_g10(kv.d)); return;
    case model::ValueType::Binary: append_json_string(out, esutil::hex_encode(kv.str)); return;
  }
}

void append_key_value(std::string& out, const model::KeyValue& kv) {
  out += "{\"key\":";
  append_json_string(out, kv.key);
  out += ",\"type\":\"";
  out += model::value_type_name(kv.type);
  out += "\",\"value\":";
  append_value_string(out, kv);
  out.push_back('}');
}

void append_typed_value(std::string& out, const model::KeyValue& kv) {
  switch (kv.type) {
    case model::ValueType::String: append_json_string(out, kv.str); return;
    case model::ValueType::Bool: out += kv.b ? "true" : "false"; return;
    case model::ValueType::Int64: append_int(out, kv.i); return;
    case model::ValueType::Float64: esutil::append_json_float(out, kv.d); return;
    case model::ValueType::Binary: append_json_string(out, esutil::hex_encode(kv.str)); return;
  }
}

// Appends ,"tags":[…] and, when any tag moved to fields, ,"tag":{…} (keys sorted like a Go map).
void append_tags(std::string& out, const model::KeyValues& kvs, const TagsAsFields& tags) {
  out += "\"tags\":[";
  bool first = true;
  bool any_field = false;
  for (const auto& kv : kvs) {
    if (tags.enabled() && goes_to_field(kv, tags)) {
      any_field = true;
      continue;
    }
    if (!first) out.push_back(',');
    first = false;
    append_key_value(out, kv);
  }
  out.push_back(']');
  if (!any_field) return;
  std::map<std::string, const model::KeyValue*> fields;
  for (const auto& kv : kvs)
    if (goes_to_field(kv, tags)) fields[replace_dots(kv.key, tags.dot_replacement)] = &kv;
  out += ",\"tag\":{";
  first = true;
  for (const auto& [key, kv] : fields) {
    if (!first) out.push_back(',');
    first = false;
    append_json_string(out, key);
    out.push_back(':');
    append_typed_value(out, *kv);
  }
  out.push_back('}');
}

void append_trace_id(std::string& out, const model::TraceID& id) {
  out.push_back('"');
  out += id.to_hex();
  out.push_back('"');
}

}  // namespace

std::string replace_dots(std::string_view key, std::string_view replacement) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '.') out += replacement;
    else out.push_back(c);
  }
  return out;
}

void append_span_document(std::string& out, const model::Span& span, const TagsAsFields& tags) {
  out += "{\"traceID\":";
  append_trace_id(out, span.trace_id);
  out += ",\"spanID\":\"";
  out += model::span_id_to_hex(span.span_id);
  out.push_back('"');
  if (span.flags != 0) {
    out += ",\"flags\":";
    append_uint(out, span.flags);
  }
  out += ",\"operationName\":";
  append_json_string(out, span.operation_name);
  out += ",\"references\":[";
  for (size_t i = 0; i < span.references.size(); ++i) {
    const auto& r = span.references[i];
    if (i) out.push_back(',');
    out += r.type == model::RefType::FollowsFrom ? "{\"refType\":\"FOLLOWS_FROM\",\"traceID\":"
                                                 : "{\"refType\":\"CHILD_OF\",\"traceID\":";
    append_trace_id(out, r.trace_id);
    out += ",\"spanID\":\"";
    out += model::span_id_to_hex(r.span_id);
    out += "\"}";
  }
  const uint64_t start = span.start_time_us > 0 ? static_cast<uint64_t>(span.start_time_us) : 0;
  out += "],\"startTime\":";
  append_uint(out, start);
  out += ",\"startTimeMillis\":";
  append_uint(out, start / 1000);
  out += ",\"duration\":";
  append_uint(out, span.duration_us > 0 ? static_cast<uint64_t>(span.duration_us) : 0);
  out.push_back(',');
  append_tags(out, span.tags, tags);
  out += ",\"logs\":[";
  for (size_t i = 0; i < span.logs.size(); ++i) {
    const auto& log = span.logs[i];
    if (i) out.push_back(',');
    out += "{\"timestamp\":";
    append_uint(out, log.timestamp_us > 0 ? static_cast<uint64_t>(log.timestamp_us) : 0);
    if (log.fields.empty()) {
      out += ",\"fields\":null}";  // Go marshals the nil slice
      continue;
    }
    out += ",\"fields\":[";
    for (size_t f = 0; f < log.fields.size(); ++f) {
      if (f) out.push_back(',');
      append_key_value(out, log.fields[f]);
    }
    out += "]}";
  }
  out += "],\"process\":{\"serviceName\":";
  static const model::KeyValues kNoTags;
  if (span.process) {
    append_json_string(out, span.process->service_name);
    out.push_back(',');
    append_tags(out, span.process->tags, tags);
  } else {
    out += "\"\",";
    append_tags(out, kNoTags, tags);
  }
  out += "}}";
}

std::string span_document(const model::Span& span, const TagsAsFields& tags) {
  std::string out;
  out.reserve(512);
  append_span_document(out, span, tags);
  return out;
}

std::string service_document(std::string_view service, std::string_view operation) {
  std::string out = "{\"serviceName\":";
  append_json_string(out, service);
  out += ",\"operationName\":";
  append_json_string(out, operation);
  out.push_back('}');
  return out;
}

std::string service_document_id(std::string_view service, std::string_view operation) {
  uint64_t h = 14695981039346656037ULL;  // FNV-1a 64 offset basis
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;  // FNV 64 prime
    }
  };
  mix(service);
  mix(operation);
  static constexpr char hex[] = "0123456789abcdef";
  char buf[16];
  int n = 0;
  do {
    buf[n++] = hex[h & 0xF];
    h >>= 4;
  } while (h != 0);
  std::string out;
  while (n > 0) out.push_back(buf[--n]);
  return out;
}

}  // namespace peregrine::storage::elasticsearch
