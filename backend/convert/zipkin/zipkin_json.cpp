// Zipkin v1 / v2 JSON decoding (see zipkin_json.hpp).
#include "backend/convert/zipkin/zipkin_json.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

#include "backend/convert/zipkin/zipkin_v2.hpp"
#include "backend/model/ids.hpp"

namespace peregrine::convert {
namespace {

using nlohmann::json;

struct BadJson : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string str_field(const json& o, const char* key, bool required = false) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) {
    if (required) throw BadJson(std::string("missing required field ") + key);
    return "";
  }
  if (!it->is_string()) throw BadJson(std::string(key) + " must be a string");
  return it->get<std::string>();
}

std::optional<int64_t> int_field(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::nullopt;
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_number_float()) {
    double d = it->get<double>();
    if (!std::isfinite(d) || std::fabs(d) > 9.2e18) throw BadJson(std::string(key) + " out of range");
    return static_cast<int64_t>(d);
  }
  throw BadJson(std::string(key) + " must be a number");
}

bool bool_field(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return false;
  if (!it->is_boolean()) throw BadJson(std::string(key) + " must be a boolean");
  return it->get<bool>();
}

void parse_trace_id(const std::string& hex, uint64_t& high, uint64_t& low) {
  auto id = model::TraceID::from_hex(hex);
  if (!id || hex.empty()) throw BadJson("invalid traceId " + hex.substr(0, 64));
  high = id->high;
  low = id->low;
}

uint64_t parse_span_id(std::string hex, const char* what) {
  if (hex.size() > 16 && hex.size() <= 32) hex = hex.substr(hex.size() - 16);
  auto id = model::span_id_from_hex(hex);
  if (!id || hex.empty()) throw BadJson(std::string("invalid ") + what + " " + hex.substr(0, 64));
  return *id;
}

std::optional<zipkin::Endpoint> endpoint(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return std::nullopt;
  if (!it->is_object()) throw BadJson(std::string(key) + " must be an object");
  zipkin::Endpoint e;
  e.service_name = str_field(*it, "serviceName");
  std::string v4 = str_field(*it, "ipv4");
  if (!v4.empty()) {
    auto ip = zipkin::parse_ipv4(v4);
    if (!ip) throw BadJson("invalid ipv4 " + v4.substr(0, 64));
    e.ipv4 = *ip;
  }
  std::string v6 = str_field(*it, "ipv6");
  if (!v6.empty()) {
    auto ip = zipkin::parse_ipv6(v6);
    if (!ip) throw BadJson("invalid ipv6 " + v6.substr(0, 64));
    e.ipv6 = *ip;
  }
  if (auto port = int_field(*it, "port")) {
    if (*port < 0 || *port > 65535) throw BadJson("port out of range");
    e.port = static_cast<int32_t>(*port);
  }
  return e;
}

const json& array_field(const json& o, const char* key, const json& empty) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return empty;
  if (!it->is_array()) throw BadJson(std::string(key) + " must be an array");
  return *it;
}

std::string big_endian(uint64_t v, int bytes) {
  std::string out(bytes, '\0');
  for (int i = bytes - 1; i >= 0; --i) {
    out[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  return out;
}

std::optional<std::string> base64_decode(const std::string& in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string out;
  uint32_t buf = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    int v = val(c);
    if (v < 0) return std::nullopt;
    buf = (buf << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xff);
    }
  }
  return out;
}

zipkin::BinaryAnnotation binary_annotation_v1(const json& b) {
  if (!b.is_object()) throw BadJson("binary annotation must be an object");
  zipkin::BinaryAnnotation ba;
  ba.key = str_field(b, "key", true);
  ba.host = endpoint(b, "endpoint");
  std::string type = str_field(b, "type");
  auto it = b.find("value");
  if (it == b.end() || it->is_null()) throw BadJson("binary annotation " + ba.key + " has no value");
  const json& v = *it;
  if (v.is_boolean()) {
    ba.type = zipkin::AnnotationType::Bool;
    ba.value = std::string(1, v.get<bool>() ? '\1' : '\0');
  } else if (v.is_string()) {
    ba.type = zipkin::AnnotationType::String;
    ba.value = v.get<std::string>();
    if (type == "BYTES") {
      auto bytes = base64_decode(ba.value);
      if (!bytes) throw BadJson("binary annotation " + ba.key + " is not base64");
      ba.type = zipkin::AnnotationType::Bytes;
      ba.value = *bytes;
    }
  } else if (v.is_number()) {
    bool integral = v.is_number_integer() || (std::isfinite(v.get<double>()) && std::floor(v.get<double>()) == v.get<double>());
    if (type == "DOUBLE" || (type.empty() && !integral)) {
      double d = v.get<double>();
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      ba.type = zipkin::AnnotationType::Double;
      ba.value = big_endian(bits, 8);
    } else {
      int64_t n = v.is_number_integer() ? v.get<int64_t>() : static_cast<int64_t>(v.get<double>());
      if (type == "I16") {
        ba.type = zipkin::AnnotationType::I16;
        ba.value = big_endian(static_cast<uint64_t>(n), 2);
      } else if (type == "I32") {
        ba.type = zipkin::AnnotationType::I32;
        ba.value = big_endian(static_cast<uint64_t>(n), 4);
      } else {
        ba.type = zipkin::AnnotationType::I64;
        ba.value = big_endian(static_cast<uint64_t>(n), 8);
      }
    }
  } else {
    throw BadJson("binary annotation " + ba.key + " has an unsupported value");
  }
  return ba;
}

zipkin::Span span_v1(const json& o) {
  if (!o.is_object()) throw BadJson("span must be an object");
  zipkin::Span s;
  parse_trace_id(str_field(o, "traceId", true), s.trace_id_high, s.trace_id);
  s.id = parse_span_id(str_field(o, "id", true), "id");
  std::string parent = str_field(o, "parentId");
  if (!parent.empty()) s.parent_id = parse_span_id(parent, "parentId");
  s.name = str_field(o, "name");
  s.timestamp = int_field(o, "timestamp");
  s.duration = int_field(o, "duration");
  s.debug = bool_field(o, "debug");
  static const json empty = json::array();
  for (const auto& a : array_field(o, "annotations", empty)) {
    if (!a.is_object()) throw BadJson("annotation must be an object");
    s.annotations.push_back({int_field(a, "timestamp").value_or(0), str_field(a, "value"), endpoint(a, "endpoint")});
  }
  for (const auto& b : array_field(o, "binaryAnnotations", empty)) s.binary_annotations.push_back(binary_annotation_v1(b));
  return s;
}

zipkin::V2Span span_v2(const json& o) {
  if (!o.is_object()) throw BadJson("span must be an object");
  zipkin::V2Span s;
  parse_trace_id(str_field(o, "traceId", true), s.trace_id_high, s.trace_id);
  s.id = parse_span_id(str_field(o, "id", true), "id");
  std::string parent = str_field(o, "parentId");
  if (!parent.empty()) s.parent_id = parse_span_id(parent, "parentId");
  s.name = str_field(o, "name");
  std::string kind = str_field(o, "kind");
  if (kind == "CLIENT") s.kind = zipkin::SpanKind::Client;
  else if (kind == "SERVER") s.kind = zipkin::SpanKind::Server;
  else if (kind == "PRODUCER") s.kind = zipkin::SpanKind::Producer;
  else if (kind == "CONSUMER") s.kind = zipkin::SpanKind::Consumer;
  else if (!kind.empty()) throw BadJson("invalid kind " + kind.substr(0, 32));
  s.timestamp = int_field(o, "timestamp").value_or(0);
  s.duration = int_field(o, "duration").value_or(0);
  s.debug = bool_field(o, "debug");
  s.shared = bool_field(o, "shared");
  s.local_endpoint = endpoint(o, "localEndpoint");
  s.remote_endpoint = endpoint(o, "remoteEndpoint");
  static const json empty = json::array();
  for (const auto& a : array_field(o, "annotations", empty)) {
    if (!a.is_object()) throw BadJson("annotation must be an object");
    s.annotations.push_back({int_field(a, "timestamp").value_or(0), str_field(a, "value")});
  }
  if (auto it = o.find("tags"); it != o.end() && !it->is_null()) {
    if (!it->is_object()) throw BadJson("tags must be an object");
    for (const auto& [k, v] : it->items()) {
      if (v.is_string()) s.tags.emplace_back(k, v.get<std::string>());
      else if (v.is_number() || v.is_boolean()) s.tags.emplace_back(k, v.dump());
      else throw BadJson("tag " + k.substr(0, 64) + " must be a string");
    }
  }
  return s;
}

template <typename Fn>
zipkin::DecodeResult decode_array(std::string_view body, Fn&& each) {
  zipkin::DecodeResult out;
  try {
    json doc = json::parse(body.begin(), body.end(), nullptr, false);
    if (doc.is_discarded()) throw BadJson("invalid JSON");
    if (!doc.is_array()) throw BadJson("expected a JSON array of spans");
    out.spans.reserve(doc.size());
    for (const auto& s : doc) out.spans.push_back(each(s));
  } catch (const std::exception& e) {
    out.spans.clear();
    out.error = e.what();
  }
  return out;
}

}  // namespace

zipkin::DecodeResult zipkin_spans_from_json_v1(std::string_view body) {
  return decode_array(body, [](const json& s) { return span_v1(s); });
}

zipkin::DecodeResult zipkin_spans_from_json_v2(std::string_view body) {
  return decode_array(body, [](const json& s) { return zipkin::v2_to_v1(span_v2(s)); });
}

}  // namespace peregrine::convert
