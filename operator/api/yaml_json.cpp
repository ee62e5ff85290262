// YAML ⇔ JSON conversion built on yaml-cpp (parsing) and a small block-style emitter (writing).
#include "operator/api/yaml_json.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <regex>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace peregrine::operator_api {

using Json = nlohmann::json;

namespace {

constexpr std::array<std::string_view, 11> kYamlTrue{"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
                                                     "on", "On", "ON"};
constexpr std::array<std::string_view, 11> kYamlFalse{"n", "N", "no", "No", "NO", "false", "False", "FALSE",
                                                      "off", "Off", "OFF"};
constexpr std::array<std::string_view, 5> kYamlNull{"", "~", "null", "Null", "NULL"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& words, std::string_view text) {
  for (auto word : words) {
    if (word == text) return true;
  }
  return false;
}

std::optional<Json> parse_integer(std::string_view text) {
  std::string_view digits = text;
  bool negative = false;
  if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
    negative = digits.front() == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty()) return std::nullopt;
  int base = 10;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    base = 16;
    digits.remove_prefix(2);
  } else if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'o' || digits[1] == 'b')) {
    base = digits[1] == 'o' ? 8 : 2;
    digits.remove_prefix(2);
  } else if (digits.size() > 1 && digits[0] == '0') {
    base = 8;  // YAML 1.1 octal, e.g. file modes such as 0644
    digits.remove_prefix(1);
  }
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  if (negative) {
    if (value > static_cast<std::uint64_t>(INT64_MAX) + 1) return std::nullopt;
    return Json(static_cast<std::int64_t>(0 - value));
  }
  if (value <= static_cast<std::uint64_t>(INT64_MAX)) return Json(static_cast<std::int64_t>(value));
  return Json(value);
}

std::optional<Json> parse_float(const std::string& text) {
  static const std::regex kFloat(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (!std::regex_match(text, kFloat)) return std::nullopt;
  try {
    return Json(std::stod(text));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Resolves an untagged plain scalar the way YAML 1.1 (and so kubectl) does.
Json resolve_plain(const std::string& text) {
  if (one_of(kYamlNull, text)) return nullptr;
  if (one_of(kYamlTrue, text)) return true;
  if (one_of(kYamlFalse, text)) return false;
  if (auto integer = parse_integer(text)) return *integer;
  if (auto number = parse_float(text)) return *number;
  return text;
}

Json resolve_tagged(const std::string& tag, const std::string& text) {
  if (tag == "tag:yaml.org,2002:str" || tag == "!!str") return text;
  if (tag == "tag:yaml.org,2002:null" || tag == "!!null") return nullptr;
  if (tag == "tag:yaml.org,2002:bool" || tag == "!!bool") {
    if (one_of(kYamlTrue, text)) return true;
    if (one_of(kYamlFalse, text)) return false;
  }
  if (tag == "tag:yaml.org,2002:int" || tag == "!!int") {
    if (auto integer = parse_integer(text)) return *integer;
  }
  if (tag == "tag:yaml.org,2002:float" || tag == "!!float") {
    if (auto number = parse_float(text)) return *number;
  }
  return resolve_plain(text);
}

Json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Scalar: {
      const std::string& tag = node.Tag();
      if (tag == "!") return node.Scalar();  // quoted or block scalar: always a string
      if (tag == "?" || tag.empty()) return resolve_plain(node.Scalar());
      return resolve_tagged(tag, node.Scalar());
    }
    case YAML::NodeType::Sequence: {
      Json array = Json::array();
      for (const auto& item : node) array.push_back(to_json(item));
      return array;
    }
    case YAML::NodeType::Map: {
      Json object = Json::object();
      for (const auto& entry : node) object[entry.first.as<std::string>()] = to_json(entry.second);
      return object;
    }
  }
  return nullptr;
}

bool is_yaml_keyword(std::string_view text) {
  return one_of(kYamlTrue, text) || one_of(kYamlFalse, text) || one_of(kYamlNull, text);
}

// Strings that read back as the same string in both YAML 1.1 and 1.2 without quotes.
bool is_plain_safe(const std::string& text) {
  static const std::regex kPlain(R"([A-Za-z_/][A-Za-z0-9_./@:+=-]*)");
  if (text.empty() || is_yaml_keyword(text) || text.back() == ':') return false;
  return std::regex_match(text, kPlain);
}

std::string scalar_text(const Json& value) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    return is_plain_safe(text) ? text : value.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  if (value.is_null()) return "null";
  return value.dump();
}

bool is_collection(const Json& value) { return (value.is_object() || value.is_array()) && !value.empty(); }

void emit(const Json& value, int indent, std::ostringstream& out);

void emit_object(const Json& object, int indent, std::ostringstream& out, bool first_inline) {
  bool first = true;
  for (const auto& [key, child] : object.items()) {
    if (!(first && first_inline)) out << std::string(indent, ' ');
    first = false;
    out << scalar_text(Json(key)) << ":";
    if (is_collection(child)) {
      out << "\n";
      // sequences under a key are indented like their parent's entries (kubectl style)
      emit(child, child.is_array() ? indent : indent + 2, out);
    } else {
      out << " " << (child.is_object() ? "{}" : child.is_array() ? "[]" : scalar_text(child)) << "\n";
    }
  }
}

void emit_array(const Json& array, int indent, std::ostringstream& out) {
  for (const auto& item : array) {
    out << std::string(indent, ' ') << "-";
    if (item.is_object() && !item.empty()) {
      out << " ";
      emit_object(item, indent + 2, out, true);
    } else if (item.is_array() && !item.empty()) {
      out << "\n";
      emit_array(item, indent + 2, out);
    } else {
      out << " " << (item.is_object() ? "{}" : item.is_array() ? "[]" : scalar_text(item)) << "\n";
    }
  }
}

void emit(const Json& value, int indent, std::ostringstream& out) {
  if (value.is_object()) {
    emit_object(value, indent, out, false);
  } else if (value.is_array()) {
    emit_array(value, indent, out);
  } else {
    out << std::string(indent, ' ') << scalar_text(value) << "\n";
  }
}

}  // namespace

YamlDocuments parse_yaml_documents(std::string_view text) {
  YamlDocuments result;
  try {
    for (const auto& node : YAML::LoadAll(std::string(text))) {
      if (node.IsNull()) continue;
      result.documents.push_back(to_json(node));
    }
  } catch (const YAML::Exception& error) {
    result.documents.clear();
    result.error = error.what();
  }
  return result;
}

std::string to_yaml(const Json& value) {
  std::ostringstream out;
  if (is_collection(value)) {
    emit(value, 0, out);
  } else {
    out << (value.is_object() ? "{}" : value.is_array() ? "[]" : scalar_text(value)) << "\n";
  }
  return out.str();
}

}  // namespace peregrine::operator_api
