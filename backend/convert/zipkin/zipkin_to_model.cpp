// Zipkin (v1 form) → span model mapping (see zipkin_to_model.hpp).
#include "backend/convert/zipkin/zipkin_to_model.hpp"

#include <nlohmann/json.hpp>

#include <cstring>
#include <map>
#include <memory>

namespace peregrine::convert {
namespace {

using zipkin::AnnotationType;

const char* kind_of_annotation(const std::string& v) {
  if (v == zipkin::kServerRecv || v == zipkin::kServerSend) return "server";
  if (v == zipkin::kClientSend || v == zipkin::kClientRecv) return "client";
  if (v == zipkin::kMessageSend) return "producer";
  if (v == zipkin::kMessageRecv) return "consumer";
  return nullptr;
}

const zipkin::Annotation* find_annotation(const zipkin::Span& s, const char* value) {
  for (const auto& a : s.annotations)
    if (a.value == value) return &a;
  return nullptr;
}

// Maps a process-describing binary annotation key to its process tag key ("" when not a process tag).
std::string process_tag_key(const std::string& key) {
  if (key == "jaegerClient" || key == "jaeger.version") return "jaeger.version";
  if (key == "jaeger.hostname") return "hostname";
  return "";
}

std::string base64(const std::string& in) {
  static const char* tbl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += tbl[n >> 18];
    out += tbl[(n >> 12) & 63];
    out += tbl[(n >> 6) & 63];
    out += tbl[n & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t n = uint8_t(in[i]) << 16;
    out += tbl[n >> 18];
    out += tbl[(n >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += tbl[n >> 18];
    out += tbl[(n >> 12) & 63];
    out += tbl[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

// Big-endian fixed-width number from exactly N bytes.
template <typename T>
bool read_be(const std::string& b, T& out) {
  if (b.size() != sizeof(T)) return false;
  uint64_t v = 0;
  for (char c : b) v = (v << 8) | static_cast<uint8_t>(c);
  if constexpr (std::is_same_v<T, double>) {
    std::memcpy(&out, &v, sizeof out);
  } else {
    out = static_cast<T>(v);
  }
  return true;
}

model::KeyValue typed_tag(const zipkin::BinaryAnnotation& ba) {
  switch (ba.type) {
    case AnnotationType::Bool: return model::KeyValue::Bool(ba.key, ba.value.size() == 1 && ba.value[0] == 1);
    case AnnotationType::Bytes: return model::KeyValue::Binary(ba.key, ba.value);
    case AnnotationType::String: return model::KeyValue::String(ba.key, ba.value);
    case AnnotationType::I16: {
      int16_t v;
      if (read_be(ba.value, v)) return model::KeyValue::Int64(ba.key, v);
      break;
    }
    case AnnotationType::I32: {
      int32_t v;
      if (read_be(ba.value, v)) return model::KeyValue::Int64(ba.key, v);
      break;
    }
    case AnnotationType::I64: {
      int64_t v;
      if (read_be(ba.value, v)) return model::KeyValue::Int64(ba.key, v);
      break;
    }
    case AnnotationType::Double: {
      double v;
      if (read_be(ba.value, v)) return model::KeyValue::Float64(ba.key, v);
      break;
    }
    default:
      return model::KeyValue::String(
          ba.key, "Cannot parse Zipkin value " + base64(ba.value) + ": unknown zipkin annotation type: " +
                      std::to_string(static_cast<int>(ba.type)));
  }
  return model::KeyValue::String(ba.key, "Cannot parse Zipkin value " + base64(ba.value) + ": unexpected length");
}

void add_peer_tags(const std::optional<zipkin::Endpoint>& ep, model::KeyValues& tags) {
  if (!ep) return;
  tags.push_back(model::KeyValue::String("peer.service", ep->service_name));
  if (ep->ipv4 != 0) tags.push_back(model::KeyValue::Int64("peer.ipv4", static_cast<uint32_t>(ep->ipv4)));
  if (!ep->ipv6.empty()) tags.push_back(model::KeyValue::Binary("peer.ipv6", ep->ipv6));
  if (ep->port != 0) tags.push_back(model::KeyValue::Int64("peer.port", static_cast<uint16_t>(ep->port)));
}

model::KeyValues span_tags(const zipkin::Span& s) {
  model::KeyValues tags;
  for (const auto& ba : s.binary_annotations) {
    if (!process_tag_key(ba.key).empty()) continue;
    if (ba.key == zipkin::kLocalComponent) {
      tags.push_back(model::KeyValue::String("component", ba.value));
    } else if (ba.key == zipkin::kServerAddr || ba.key == zipkin::kClientAddr || ba.key == zipkin::kMessageAddr) {
      add_peer_tags(ba.host, tags);
    } else {
      tags.push_back(typed_tag(ba));
    }
  }
  return tags;
}

std::vector<model::KeyValue> log_fields(const std::string& value) {
  std::vector<model::KeyValue> fields;
  if (!value.empty() && value.front() == '{') {
    auto j = nlohmann::json::parse(value, nullptr, false);
    if (j.is_object()) {
      bool all_strings = true;
      for (const auto& [k, v] : j.items()) all_strings = all_strings && v.is_string();
      if (all_strings) {
        for (const auto& [k, v] : j.items()) fields.push_back(model::KeyValue::String(k, v.get<std::string>()));
        return fields;
      }
    }
  }
  fields.push_back(model::KeyValue::String("event", value));
  return fields;
}

model::ProcessPtr make_process(const zipkin::Span& s) {
  auto p = std::make_shared<model::Process>();
  for (const auto& ba : s.binary_annotations) {
    std::string key = process_tag_key(ba.key);
    if (key.empty()) continue;
    model::KeyValue kv = typed_tag(ba);
    kv.key = key;
    p->tags.push_back(std::move(kv));
  }
  const zipkin::Endpoint* found = nullptr;
  for (const auto& a : s.annotations)
    if (!found && kind_of_annotation(a.value) && a.host && !a.host->service_name.empty()) found = &*a.host;
  for (const auto& ba : s.binary_annotations)
    if (!found && ba.key == zipkin::kLocalComponent && ba.host && !ba.host->service_name.empty()) found = &*ba.host;
  for (const auto& a : s.annotations)
    if (!found && a.host && !a.host->service_name.empty()) found = &*a.host;
  for (const auto& ba : s.binary_annotations)
    if (!found && ba.host && !ba.host->service_name.empty()) found = &*ba.host;
  if (!found && s.local_endpoint && !s.local_endpoint->service_name.empty()) found = &*s.local_endpoint;
  if (found) {
    p->service_name = found->service_name;
    if (found->ipv4 != 0) p->tags.push_back(model::KeyValue::Int64("ip", static_cast<uint32_t>(found->ipv4)));
  } else {
    p->service_name = "unknown-service-name";
  }
  return p;
}

// Processes with the same value are shared between spans.
model::ProcessPtr intern_process(std::vector<model::ProcessPtr>& seen, model::ProcessPtr p) {
  for (const auto& q : seen)
    if (*q == *p) return q;
  seen.push_back(p);
  return p;
}

}  // namespace

model::SpanBatch zipkin_to_model(const std::vector<zipkin::Span>& spans) {
  model::SpanBatch out;
  std::vector<model::ProcessPtr> processes;
  for (const auto& s : spans) {
    model::Span span;
    span.trace_id = model::TraceID{s.trace_id_high, s.trace_id};
    span.span_id = s.id;
    span.operation_name = s.name;
    if (s.parent_id && *s.parent_id != 0)
      span.references.push_back({span.trace_id, *s.parent_id, model::RefType::ChildOf});
    span.flags = s.debug ? 2 : 0;
    span.tags = span_tags(s);
    const char* kind = nullptr;
    for (const auto& a : s.annotations)
      if (!kind) kind = kind_of_annotation(a.value);
    if (kind) span.tags.push_back(model::KeyValue::String("span.kind", kind));

    int64_t ts = s.timestamp.value_or(0), dur = s.duration.value_or(0);
    if (ts == 0) {
      if (auto* cs = find_annotation(s, zipkin::kClientSend)) {
        ts = cs->timestamp;
        if (auto* cr = find_annotation(s, zipkin::kClientRecv); cr && dur == 0) dur = cr->timestamp - cs->timestamp;
      } else if (auto* sr = find_annotation(s, zipkin::kServerRecv)) {
        ts = sr->timestamp;
        if (auto* ss = find_annotation(s, zipkin::kServerSend); ss && dur == 0) dur = ss->timestamp - sr->timestamp;
      }
    }
    span.start_time_us = ts;
    span.duration_us = dur;
    for (const auto& a : s.annotations) {
      if (a.value.empty() || kind_of_annotation(a.value)) continue;
      span.logs.push_back({a.timestamp, log_fields(a.value)});
    }
    span.process = intern_process(processes, make_process(s));

    const auto* cs = find_annotation(s, zipkin::kClientSend);
    const auto* sr = find_annotation(s, zipkin::kServerRecv);
    std::optional<model::Span> second;
    if (cs && sr) {
      model::Span other;
      other.trace_id = span.trace_id;
      other.span_id = span.span_id;
      other.operation_name = span.operation_name;
      other.references = span.references;
      other.flags = span.flags;
      other.process = span.process;
      if (kind && std::strcmp(kind, "client") == 0) {
        other.tags.push_back(model::KeyValue::String("span.kind", "server"));
        other.start_time_us = sr->timestamp;
        if (auto* ss = find_annotation(s, zipkin::kServerSend)) other.duration_us = ss->timestamp - sr->timestamp;
      } else {
        other.tags.push_back(model::KeyValue::String("span.kind", "client"));
        other.start_time_us = cs->timestamp;
        if (auto* cr = find_annotation(s, zipkin::kClientRecv)) other.duration_us = cr->timestamp - cs->timestamp;
      }
      second = std::move(other);
    }
    out.push_back(std::move(span));
    if (second) out.push_back(std::move(*second));
  }
  return out;
}

}  // namespace peregrine::convert
