// Mappings, dynamic mapping and document type checks of the Elasticsearch double (see es_mapping.hpp).
#include "tests/es-double/es_mapping.hpp"

#include <cstdlib>

#include "backend/esutil/civil_time.hpp"
#include "tests/es-double/es_errors.hpp"

namespace peregrine::esdouble {

namespace {

using Json = nlohmann::json;

[[noreturn]] void mapper_error(const std::string& reason) { throw EsException(400, "mapper_parsing_exception", reason); }

std::optional<FieldType> type_from_name(const std::string& t) {
  if (t == "keyword") return FieldType::Keyword;
  if (t == "text") return FieldType::Text;
  if (t == "long") return FieldType::Long;
  if (t == "integer" || t == "short" || t == "byte") return FieldType::Integer;
  if (t == "double" || t == "float" || t == "half_float") return FieldType::Double;
  if (t == "date") return FieldType::Date;
  if (t == "boolean") return FieldType::Boolean;
  if (t == "object") return FieldType::Object;
  if (t == "nested") return FieldType::Nested;
  return std::nullopt;
}

bool parse_dynamic(const Json& v, const std::string& path) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_string()) {
    auto s = v.get<std::string>();
    if (s == "true") return true;
    if (s == "false") return false;
  }
  mapper_error("unsupported dynamic setting [" + v.dump() + "] on [" + path + "] (the double supports true/false)");
}

bool is_numeric_string(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

std::string preview(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

[[noreturn]] void field_error(const std::string& path, FieldType t, const Json& v, const std::string& id) {
  mapper_error("failed to parse field [" + path + "] of type [" + field_type_name(t) + "] in document with id '" + id +
               "'. Preview of field's value: '" + preview(v) + "'");
}

}  // namespace

const char* field_type_name(FieldType t) {
  switch (t) {
    case FieldType::Keyword: return "keyword";
    case FieldType::Text: return "text";
    case FieldType::Long: return "long";
    case FieldType::Integer: return "integer";
    case FieldType::Double: return "double";
    case FieldType::Date: return "date";
    case FieldType::Boolean: return "boolean";
    case FieldType::Object: return "object";
    case FieldType::Nested: return "nested";
  }
  return "object";
}

bool glob_match(const std::string& pattern, const std::string& text) {
  size_t p = 0, t = 0, star = std::string::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

Mapping::Node Mapping::parse_node(const Json& j, const std::string& path, bool is_root) {
  if (!j.is_object()) mapper_error("expected a mapping object for [" + path + "]");
  Node n;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    if (k == "type") {
      auto t = type_from_name(it->get<std::string>());
      if (!t) mapper_error("No handler for type [" + it->get<std::string>() + "] declared on field [" + path + "]");
      n.type = *t;
    } else if (k == "properties") {
      if (!it->is_object()) mapper_error("properties of [" + path + "] must be an object");
      for (auto p = it->begin(); p != it->end(); ++p)
        n.properties[p.key()] = parse_node(*p, path.empty() ? p.key() : path + "." + p.key(), false);
    } else if (k == "dynamic") {
      n.dynamic = parse_dynamic(*it, path);
    } else if (k == "format") {
      n.format = it->get<std::string>();
    } else if (k == "ignore_above" || k == "index" || k == "doc_values" || k == "fields" || k == "null_value") {
      // accepted, not emulated
    } else if (is_root && k == "dynamic_templates") {
      // handled by the caller
    } else {
      mapper_error("unsupported mapping parameter [" + k + "] on [" + (path.empty() ? "_root" : path) + "]");
    }
  }
  return n;
}

Mapping Mapping::parse(const Json& mappings) {
  Mapping m;
  if (mappings.is_null()) return m;
  if (!mappings.is_object()) mapper_error("mappings must be an object");
  m.root_ = parse_node(mappings, "", true);
  m.root_.type = FieldType::Object;
  if (mappings.contains("dynamic_templates")) {
    const auto& dts = mappings["dynamic_templates"];
    if (!dts.is_array()) mapper_error("dynamic_templates must be an array");
    for (const auto& entry : dts) {
      if (!entry.is_object() || entry.size() != 1) mapper_error("each dynamic template must be a single named object");
      const auto& def = entry.begin().value();
      for (auto k = def.begin(); k != def.end(); ++k)
        if (k.key() != "mapping" && k.key() != "path_match")
          mapper_error("dynamic template parameter [" + k.key() + "] is not emulated by the double");
      if (!def.contains("path_match") || !def.contains("mapping") || !def["mapping"].contains("type"))
        mapper_error("dynamic template [" + entry.begin().key() + "] needs path_match and mapping.type");
      auto t = type_from_name(def["mapping"]["type"].get<std::string>());
      if (!t) mapper_error("No handler for type in dynamic template [" + entry.begin().key() + "]");
      m.dynamic_templates_.emplace_back(def["path_match"].get<std::string>(), *t);
    }
  }
  return m;
}

void Mapping::merge_node(Node& into, const Node& from) {
  into.type = from.type;
  into.dynamic = from.dynamic;
  if (!from.format.empty()) into.format = from.format;
  for (const auto& [k, child] : from.properties) merge_node(into.properties[k], child);
}

void Mapping::merge(const Mapping& other) {
  merge_node(root_, other.root_);
  root_.type = FieldType::Object;
  for (const auto& dt : other.dynamic_templates_) dynamic_templates_.push_back(dt);
}

std::optional<FieldType> Mapping::dynamic_template_for(const std::string& path) const {
  for (const auto& [pattern, type] : dynamic_templates_)
    if (glob_match(pattern, path)) return type;
  return std::nullopt;
}

void Mapping::check_value(Node& parent, const std::string& key, const std::string& path, const Json& v,
                          const std::string& id, bool dynamic) {
  if (v.is_null()) return;
  auto it = parent.properties.find(key);
  if (it == parent.properties.end()) {
    Node n;
    if (auto t = dynamic_template_for(path)) {
      n.type = *t;
    } else {
      if (!dynamic) return;  // "dynamic": false — kept in _source, not indexed
      const Json& sample = v.is_array() && !v.empty() ? v.front() : v;
      if (sample.is_object()) n.type = FieldType::Object;
      else if (sample.is_boolean()) n.type = FieldType::Boolean;
      else if (sample.is_number_integer()) n.type = FieldType::Long;
      else if (sample.is_number()) n.type = FieldType::Double;
      else if (sample.is_string()) {
        int64_t us;
        n.type = esutil::parse_rfc3339(sample.get<std::string>(), &us) ? FieldType::Date : FieldType::Keyword;
      } else return;
    }
    it = parent.properties.emplace(key, std::move(n)).first;
  }
  Node& node = it->second;
  if (v.is_array()) {
    for (const auto& e : v) {
      if (e.is_array()) mapper_error("nested arrays are not supported in field [" + path + "]");
      check_value(parent, key, path, e, id, dynamic);
    }
    return;
  }
  switch (node.type) {
    case FieldType::Keyword:
    case FieldType::Text:
      if (v.is_object()) field_error(path, node.type, v, id);
      return;
    case FieldType::Long:
    case FieldType::Integer:
    case FieldType::Double:
      if (v.is_number()) return;
      if (v.is_string() && is_numeric_string(v.get<std::string>())) return;
      field_error(path, node.type, v, id);
    case FieldType::Date: {
      if (v.is_number_integer()) return;
      int64_t us;
      if (v.is_string() && (is_numeric_string(v.get<std::string>()) || esutil::parse_rfc3339(v.get<std::string>(), &us)))
        return;
      field_error(path, node.type, v, id);
    }
    case FieldType::Boolean:
      if (v.is_boolean()) return;
      if (v.is_string() && (v.get<std::string>() == "true" || v.get<std::string>() == "false")) return;
      field_error(path, node.type, v, id);
    case FieldType::Object:
    case FieldType::Nested:
      if (!v.is_object())
        mapper_error("object mapping for [" + path + "] tried to parse field [" + key +
                     "] as object, but found a concrete value");
      check_object(node, path, v, id);
      return;
  }
}

void Mapping::check_object(Node& node, const std::string& path, const Json& obj, const std::string& id) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string child = path.empty() ? it.key() : path + "." + it.key();
    check_value(node, it.key(), child, *it, id, node.dynamic);
  }
}

void Mapping::index_document(const Json& doc, const std::string& id) {
  if (!doc.is_object()) mapper_error("failed to parse, document is empty or not an object");
  // Validate on a copy first so a rejected document leaves no dynamic mappings behind.
  Mapping probe = *this;
  probe.check_object(probe.root_, "", doc, id);
  *this = std::move(probe);
}

const Mapping::Node* Mapping::find(const std::string& path) const {
  const Node* n = &root_;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    auto it = n->properties.find(part);
    if (it == n->properties.end()) return nullptr;
    n = &it->second;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return n;
}

std::optional<FieldType> Mapping::type_of(const std::string& path) const {
  if (const Node* n = find(path)) return n->type;
  if (auto t = dynamic_template_for(path)) return t;
  return std::nullopt;
}

bool Mapping::is_nested(const std::string& path) const {
  const Node* n = find(path);
  return n && n->type == FieldType::Nested;
}

Json Mapping::node_json(const Node& n) {
  Json j = Json::object();
  if (n.type != FieldType::Object || n.properties.empty()) j["type"] = field_type_name(n.type);
  if (!n.dynamic) j["dynamic"] = false;
  if (!n.properties.empty()) {
    Json props = Json::object();
    for (const auto& [k, c] : n.properties) props[k] = node_json(c);
    j["properties"] = props;
  }
  return j;
}

Json Mapping::to_json() const {
  Json j = node_json(root_);
  j.erase("type");
  return j;
}

}  // namespace peregrine::esdouble
