// OTLP/JSON parsing and rendering (see otlp_json.hpp). The protobuf JSON codec does the field mapping; a
// nlohmann_json pass before parsing / after printing converts ID fields between OTLP's hex and protobuf's base64.
#include "backend/convert/otlp_json.hpp"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>

#include "backend/common/json_nesting.hpp"
#include "backend/convert/otlp_encoding.hpp"
#include "backend/convert/otlp_from_model.hpp"

namespace peregrine::convert {
namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

constexpr size_t kMaxJsonDepth = 64;

// Returns the member named by any of `names` (lowerCamelCase first), or nullptr.
template <class J>
J* member(J& object, std::initializer_list<const char*> names) {
  if (!object.is_object()) return nullptr;
  for (const char* name : names) {
    auto it = object.find(name);
    if (it != object.end()) return &*it;
  }
  return nullptr;
}

// Rewrites a hex ID string in place as base64; returns an error message or "".
std::string hex_id_to_base64(Json* id, const std::string& where) {
  if (id == nullptr || id->is_null()) return {};
  if (!id->is_string()) return where + " must be a hex string";
  const auto& text = id->get_ref<const std::string&>();
  std::optional<std::string> bytes = hex_decode(text);
  if (!bytes) return where + " is not valid hex: \"" + text.substr(0, 64) + "\"";
  *id = base64_encode(*bytes);
  return {};
}

std::string at(const std::string& parent, const char* field, size_t i) {
  return parent + "." + field + "[" + std::to_string(i) + "]";
}

// Hex → base64 for every span, parent and link ID; renames the pre-1.0 instrumentationLibrary* fields.
std::string prepare_request(Json& root) {
  if (!root.is_object()) return "request body must be a JSON object";
  Json* resource_spans = member(root, {"resourceSpans", "resource_spans"});
  if (resource_spans == nullptr || resource_spans->is_null()) return {};
  if (!resource_spans->is_array()) return "resourceSpans must be an array";
  for (size_t r = 0; r < resource_spans->size(); ++r) {
    Json& rs = (*resource_spans)[r];
    const std::string rs_path = at("", "resourceSpans", r).substr(1);
    if (!rs.is_object()) return rs_path + " must be an object";
    if (member(rs, {"scopeSpans", "scope_spans"}) == nullptr) {
      for (const char* legacy : {"instrumentationLibrarySpans", "instrumentation_library_spans"}) {
        auto it = rs.find(legacy);
        if (it == rs.end()) continue;
        Json moved = std::move(*it);
        rs.erase(legacy);
        if (moved.is_array()) {
          for (auto& ss : moved) {
            if (!ss.is_object()) continue;
            for (const char* lib : {"instrumentationLibrary", "instrumentation_library"}) {
              auto lib_it = ss.find(lib);
              if (lib_it == ss.end()) continue;
              Json scope = std::move(*lib_it);
              ss.erase(lib);
              ss["scope"] = std::move(scope);
              break;
            }
          }
        }
        rs["scopeSpans"] = std::move(moved);
        break;
      }
    }
    Json* scope_spans = member(rs, {"scopeSpans", "scope_spans"});
    if (scope_spans == nullptr || scope_spans->is_null()) continue;
    if (!scope_spans->is_array()) return rs_path + ".scopeSpans must be an array";
    for (size_t s = 0; s < scope_spans->size(); ++s) {
      Json& ss = (*scope_spans)[s];
      const std::string ss_path = at(rs_path, "scopeSpans", s);
      if (!ss.is_object()) return ss_path + " must be an object";
      Json* spans = member(ss, {"spans"});
      if (spans == nullptr || spans->is_null()) continue;
      if (!spans->is_array()) return ss_path + ".spans must be an array";
      for (size_t i = 0; i < spans->size(); ++i) {
        Json& span = (*spans)[i];
        const std::string span_path = at(ss_path, "spans", i);
        if (!span.is_object()) return span_path + " must be an object";
        std::string err = hex_id_to_base64(member(span, {"traceId", "trace_id"}), span_path + ".traceId");
        if (err.empty()) err = hex_id_to_base64(member(span, {"spanId", "span_id"}), span_path + ".spanId");
        if (err.empty())
          err = hex_id_to_base64(member(span, {"parentSpanId", "parent_span_id"}), span_path + ".parentSpanId");
        if (!err.empty()) return err;
        Json* links = member(span, {"links"});
        if (links == nullptr || links->is_null()) continue;
        if (!links->is_array()) return span_path + ".links must be an array";
        for (size_t l = 0; l < links->size(); ++l) {
          Json& link = (*links)[l];
          const std::string link_path = at(span_path, "links", l);
          if (!link.is_object()) return link_path + " must be an object";
          err = hex_id_to_base64(member(link, {"traceId", "trace_id"}), link_path + ".traceId");
          if (err.empty()) err = hex_id_to_base64(member(link, {"spanId", "span_id"}), link_path + ".spanId");
          if (!err.empty()) return err;
        }
      }
    }
  }
  return {};
}

// Base64 → hex for the ID fields of printed JSON (the printer always emits lowerCamelCase).
void base64_id_to_hex(OrderedJson& object, const char* field) {
  auto it = object.find(field);
  if (it == object.end() || !it->is_string()) return;
  std::optional<std::string> bytes = base64_decode(it->get_ref<const std::string&>());
  if (bytes) *it = hex_encode(*bytes);
}

void ids_to_hex(OrderedJson& root) {
  auto resource_spans = root.find("resourceSpans");
  if (resource_spans == root.end()) return;
  for (auto& rs : *resource_spans) {
    auto scope_spans = rs.find("scopeSpans");
    if (scope_spans == rs.end()) continue;
    for (auto& ss : *scope_spans) {
      auto spans = ss.find("spans");
      if (spans == ss.end()) continue;
      for (auto& span : *spans) {
        base64_id_to_hex(span, "traceId");
        base64_id_to_hex(span, "spanId");
        base64_id_to_hex(span, "parentSpanId");
        auto links = span.find("links");
        if (links == span.end()) continue;
        for (auto& link : *links) {
          base64_id_to_hex(link, "traceId");
          base64_id_to_hex(link, "spanId");
        }
      }
    }
  }
}

// Replaces each byte that is not part of a well-formed UTF-8 sequence with U+FFFD.
std::string sanitize_utf8(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    const auto c = static_cast<unsigned char>(in[i]);
    size_t len = 0;
    if (c < 0x80) {
      len = 1;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      len = 4;
    }
    bool valid = len > 0 && i + len <= in.size();
    for (size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(in[i + k]) & 0xC0) == 0x80;
    if (valid && len == 3) {
      const auto c1 = static_cast<unsigned char>(in[i + 1]);
      valid = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);  // overlong / surrogates
    }
    if (valid && len == 4) {
      const auto c1 = static_cast<unsigned char>(in[i + 1]);
      valid = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (valid) {
      out.append(in.substr(i, len));
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");
      ++i;
    }
  }
  return out;
}

OrderedJson message_to_otlp_json(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_enums_as_ints = true;
  options.preserve_proto_field_names = false;
  std::string text;
  auto status = google::protobuf::util::MessageToJsonString(message, &text, options);
  if (!status.ok()) return OrderedJson::object();  // only fails on invalid messages, which ours never are
  OrderedJson root = OrderedJson::parse(text, nullptr, false);
  if (root.is_discarded()) root = OrderedJson::parse(sanitize_utf8(text), nullptr, false);  // invalid UTF-8 in data
  if (root.is_discarded()) return OrderedJson::object();
  ids_to_hex(root);
  return root;
}

}  // namespace

OtlpJsonParseResult parse_otlp_json(std::string_view json) {
  OtlpJsonParseResult result;
  if (common::json_nesting_depth(json) > kMaxJsonDepth) {
    result.error = "malformed JSON: nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels";
    return result;
  }
  Json root;
  try {
    root = Json::parse(json.begin(), json.end());
  } catch (const Json::exception& e) {
    result.error = std::string("malformed JSON: ") + e.what();
    return result;
  }
  result.error = prepare_request(root);
  if (!result.error.empty()) return result;

  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  options.case_insensitive_enum_parsing = true;
  std::string normalized = root.dump(-1, ' ', false, Json::error_handler_t::replace);
  auto status = google::protobuf::util::JsonStringToMessage(normalized, &result.request, options);
  if (!status.ok()) {
    result.error = "invalid OTLP JSON: " + std::string(status.message());
    result.request.Clear();
  }
  return result;
}

std::string otlp_request_to_json(const OtlpExportRequest& request) { return message_to_otlp_json(request).dump(); }

std::string otlp_traces_data_to_json(const opentelemetry::proto::trace::v1::TracesData& data) {
  return message_to_otlp_json(data).dump();
}

std::string otlp_traces_to_json(const std::vector<model::Trace>& traces) {
  OrderedJson envelope = OrderedJson::object();
  OrderedJson result = message_to_otlp_json(otlp_from_model(traces));
  if (!result.contains("resourceSpans")) result["resourceSpans"] = OrderedJson::array();
  envelope["result"] = std::move(result);
  return envelope.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

}  // namespace peregrine::convert
