// Elasticsearch document → span (see span_from_document.hpp).
#include "backend/storage/elasticsearch/span_from_document.hpp"

#include <charconv>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace peregrine::storage::elasticsearch {

namespace {

using Json = nlohmann::json;

std::string get_string(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return "";
  if (!it->is_string()) throw std::invalid_argument(std::string("field ") + key + " is not a string");
  return it->get<std::string>();
}

int64_t get_int(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return 0;
  if (it->is_number_unsigned()) return static_cast<int64_t>(it->get<uint64_t>());
  if (it->is_number_integer()) return it->get<int64_t>();
  if (it->is_number_float()) return static_cast<int64_t>(it->get<double>());
  throw std::invalid_argument(std::string("field ") + key + " is not a number");
}

model::TraceID parse_trace_id(const std::string& s) {
  auto id = model::TraceID::from_hex(s);
  if (!id) throw std::invalid_argument("invalid trace id \"" + s + "\"");
  return *id;
}

model::SpanID parse_span_id(const std::string& s) {
  auto id = model::span_id_from_hex(s);
  if (!id) throw std::invalid_argument("invalid span id \"" + s + "\"");
  return *id;
}

bool parse_go_bool(const std::string& s, bool* out) {
  if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") {
    *out = true;
    return true;
  }
  if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") {
    *out = false;
    return true;
  }
  return false;
}

int hex_nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string json_scalar_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

model::KeyValue parse_key_value(const Json& kv) {
  if (!kv.is_object()) throw std::invalid_argument("tag is not an object");
  std::string key = get_string(kv, "key");
  auto vit = kv.find("value");
  if (vit == kv.end() || vit->is_null()) throw std::invalid_argument("tag " + key + " has no value");
  const std::string type = kv.contains("type") && kv["type"].is_string() ? kv["type"].get<std::string>() : "string";
  const std::string text = json_scalar_text(*vit);
  if (type == "bool") {
    bool b = false;
    if (vit->is_boolean()) b = vit->get<bool>();
    else if (!parse_go_bool(text, &b)) throw std::invalid_argument("invalid bool value \"" + text + "\"");
    return model::KeyValue::Bool(std::move(key), b);
  }
  if (type == "int64") {
    int64_t i = 0;
    auto res = std::from_chars(text.data(), text.data() + text.size(), i);
    if (res.ec != std::errc() || res.ptr != text.data() + text.size())
      throw std::invalid_argument("invalid int64 value \"" + text + "\"");
    return model::KeyValue::Int64(std::move(key), i);
  }
  if (type == "float64") {
    char* end = nullptr;
    double d = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) {
      if (text == "NaN") d = std::nan("");
      else if (text == "+Inf" || text == "Inf") d = HUGE_VAL;
      else if (text == "-Inf") d = -HUGE_VAL;
      else throw std::invalid_argument("invalid float64 value \"" + text + "\"");
    }
    return model::KeyValue::Float64(std::move(key), d);
  }
  if (type == "binary") {
    if (text.size() % 2 != 0) throw std::invalid_argument("invalid binary value");
    std::string bytes;
    bytes.reserve(text.size() / 2);
    for (size_t i = 0; i < text.size(); i += 2) {
      int hi = hex_nibble(text[i]), lo = hex_nibble(text[i + 1]);
      if (hi < 0 || lo < 0) throw std::invalid_argument("invalid binary value");
      bytes.push_back(static_cast<char>((hi << 4) | lo));
    }
    return model::KeyValue::Binary(std::move(key), std::move(bytes));
  }
  return model::KeyValue::String(std::move(key), text);
}

void parse_key_values(const Json& obj, const char* field, model::KeyValues& out) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return;
  if (!it->is_array()) throw std::invalid_argument(std::string(field) + " is not an array");
  out.reserve(out.size() + it->size());
  for (const auto& kv : *it) out.push_back(parse_key_value(kv));
}

std::string undo_dot_replacement(const std::string& key, const std::string& replacement) {
  if (replacement.empty()) return key;
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t hit = key.find(replacement, pos);
    if (hit == std::string::npos) break;
    out.append(key, pos, hit - pos);
    out.push_back('.');
    pos = hit + replacement.size();
  }
  out.append(key, pos, std::string::npos);
  return out;
}

// Object-field tags ("tag": {"http@method": "GET", "error": true, "status": 200}) in key order.
void parse_tag_fields(const Json& obj, const std::string& dot_replacement, model::KeyValues& out) {
  auto it = obj.find("tag");
  if (it == obj.end() || it->is_null()) return;
  if (!it->is_object()) throw std::invalid_argument("tag is not an object");
  std::map<std::string, const Json*> sorted;
  for (auto f = it->begin(); f != it->end(); ++f) sorted[f.key()] = &f.value();
  for (const auto& [k, v] : sorted) {
    std::string key = undo_dot_replacement(k, dot_replacement);
    if (v->is_boolean()) out.push_back(model::KeyValue::Bool(std::move(key), v->get<bool>()));
    else if (v->is_number_integer() && !v->is_number_unsigned()) out.push_back(model::KeyValue::Int64(std::move(key), v->get<int64_t>()));
    else if (v->is_number_unsigned()) {
      uint64_t u = v->get<uint64_t>();
      if (u <= static_cast<uint64_t>(INT64_MAX)) out.push_back(model::KeyValue::Int64(std::move(key), static_cast<int64_t>(u)));
      else out.push_back(model::KeyValue::Float64(std::move(key), static_cast<double>(u)));
    } else if (v->is_number_float()) out.push_back(model::KeyValue::Float64(std::move(key), v->get<double>()));
    else if (v->is_string()) out.push_back(model::KeyValue::String(std::move(key), v->get<std::string>()));
    else throw std::invalid_argument("invalid tag field " + k);
  }
}

}  // namespace

model::Span span_from_document(const nlohmann::json& src, const std::string& dot_replacement) {
  if (!src.is_object()) throw std::invalid_argument("span document is not an object");
  model::Span span;
  span.trace_id = parse_trace_id(get_string(src, "traceID"));
  span.span_id = parse_span_id(get_string(src, "spanID"));
  span.operation_name = get_string(src, "operationName");
  span.flags = static_cast<uint32_t>(get_int(src, "flags"));
  span.start_time_us = get_int(src, "startTime");
  span.duration_us = get_int(src, "duration");

  if (auto it = src.find("references"); it != src.end() && !it->is_null()) {
    if (!it->is_array()) throw std::invalid_argument("references is not an array");
    for (const auto& r : *it) {
      model::SpanRef ref;
      const std::string type = get_string(r, "refType");
      if (type == "CHILD_OF") ref.type = model::RefType::ChildOf;
      else if (type == "FOLLOWS_FROM") ref.type = model::RefType::FollowsFrom;
      else throw std::invalid_argument("not a valid SpanRefType string " + type);
      ref.trace_id = parse_trace_id(get_string(r, "traceID"));
      ref.span_id = parse_span_id(get_string(r, "spanID"));
      span.references.push_back(ref);
    }
  }
  const std::string parent = get_string(src, "parentSpanID");
  if (!parent.empty()) {
    const model::SpanID pid = parse_span_id(parent);
    bool present = false;
    for (const auto& r : span.references) present = present || (r.span_id == pid && r.trace_id == span.trace_id);
    if (pid != 0 && !present)
      span.references.insert(span.references.begin(), model::SpanRef{span.trace_id, pid, model::RefType::ChildOf});
  }

  parse_key_values(src, "tags", span.tags);
  parse_tag_fields(src, dot_replacement, span.tags);

  if (auto it = src.find("logs"); it != src.end() && !it->is_null()) {
    if (!it->is_array()) throw std::invalid_argument("logs is not an array");
    for (const auto& l : *it) {
      model::Log log;
      log.timestamp_us = get_int(l, "timestamp");
      parse_key_values(l, "fields", log.fields);
      span.logs.push_back(std::move(log));
    }
  }

  auto process = std::make_shared<model::Process>();
  if (auto it = src.find("process"); it != src.end() && it->is_object()) {
    process->service_name = get_string(*it, "serviceName");
    parse_key_values(*it, "tags", process->tags);
    parse_tag_fields(*it, dot_replacement, process->tags);
  }
  span.process = std::move(process);
  return span;
}

model::ProcessPtr ProcessDeduper::intern(model::ProcessPtr p) {
  for (auto it = seen_.rbegin(); it != seen_.rend(); ++it)
    if (**it == *p) return *it;
  seen_.push_back(p);
  return p;
}

}  // namespace peregrine::storage::elasticsearch
