// Index mappings in the Elasticsearch double: field types from templates (properties, dynamic templates with
// path_match, "dynamic": false subtrees), dynamic mapping of new fields on first sight (string → date when it
// parses as a date, else keyword; integers → long; other numbers → double; booleans; objects), type checks of
// every indexed document (mapper_parsing_exception on a mismatch, like Elasticsearch) and the nested paths that
// decide which fields a query sees outside a nested query.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace peregrine::esdouble {

enum class FieldType { Keyword, Text, Long, Integer, Double, Date, Boolean, Object, Nested };

const char* field_type_name(FieldType t);

class Mapping {
 public:
  // Parses a "mappings" object. Throws EsException(400, mapper_parsing_exception) for unsupported parts.
  static Mapping parse(const nlohmann::json& mappings);
  // Overlays another mapping (later template wins field by field).
  void merge(const Mapping& other);

  // Validates a document and maps its new fields. Throws EsException(400, mapper_parsing_exception).
  void index_document(const nlohmann::json& doc, const std::string& id);

  std::optional<FieldType> type_of(const std::string& path) const;
  bool is_nested(const std::string& path) const;
  nlohmann::json to_json() const;

 private:
  struct Node {
    FieldType type = FieldType::Object;
    bool dynamic = true;
    std::map<std::string, Node> properties;
    std::string format;
  };
  static Node parse_node(const nlohmann::json& j, const std::string& path, bool is_root);
  static nlohmann::json node_json(const Node& n);
  static void merge_node(Node& into, const Node& from);
  const Node* find(const std::string& path) const;
  void check_value(Node& parent, const std::string& key, const std::string& path, const nlohmann::json& v,
                   const std::string& id, bool dynamic);
  void check_object(Node& node, const std::string& path, const nlohmann::json& obj, const std::string& id);
  std::optional<FieldType> dynamic_template_for(const std::string& path) const;

  Node root_;
  std::vector<std::pair<std::string, FieldType>> dynamic_templates_;  // (path_match glob, type)
};

// Glob match with '*' wildcards (index patterns, path_match).
bool glob_match(const std::string& pattern, const std::string& text);

}  // namespace peregrine::esdouble
