// Cluster state of the Elasticsearch double: indices (creation date, flat settings, aliases with
// is_write_index, mapping, documents by _id), legacy and composable index templates (applied when an index is
// created, composable ones taking precedence like in Elasticsearch), lifecycle policies, and the resolution
// of index expressions (names, aliases, '*' patterns, comma lists) used by every endpoint. Not thread-safe:
// the double serializes requests.
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "tests/es-double/es_mapping.hpp"

namespace peregrine::esdouble {

struct Doc {
  std::string id;
  std::string raw;         // _source exactly as received
  nlohmann::json source;   // parsed
  int64_t version = 1;
};

struct AliasProps {
  bool is_write_index = false;
  bool write_index_explicit = false;  // "is_write_index" was given (true or false)
};

struct Index {
  std::string name;
  int64_t creation_ms = 0;
  std::map<std::string, std::string> settings;  // flat "index.*" settings
  std::map<std::string, AliasProps> aliases;
  Mapping mapping;
  std::vector<Doc> docs;
  std::unordered_map<std::string, size_t> by_id;
  size_t source_bytes = 0;
  uint64_t next_auto_id = 1;
};

struct LegacyTemplate {
  std::vector<std::string> patterns;
  int64_t order = 0;
  nlohmann::json body;
};

struct ComposableTemplate {
  std::vector<std::string> patterns;
  int64_t priority = 0;
  nlohmann::json body;
};

class Cluster {
 public:
  std::map<std::string, Index> indices;
  std::map<std::string, LegacyTemplate> legacy_templates;
  std::map<std::string, ComposableTemplate> composable_templates;
  std::set<std::string> lifecycle_policies;

  // Comma-separated expression → indices (sorted, unique). Missing concrete names: skipped with
  // ignore_unavailable, else index_not_found_exception. Remote "cluster:index" names are rejected.
  std::vector<Index*> resolve(const std::string& expression, bool ignore_unavailable);
  Index* find(const std::string& name);
  bool alias_exists(const std::string& alias) const;
  std::vector<Index*> indices_with_alias(const std::string& alias);

  // Creates an index (templates applied first when apply_templates, then the body's settings / mappings /
  // aliases). Throws resource_already_exists_exception / invalid_index_name_exception.
  Index& create_index(const std::string& name, const nlohmann::json& body, int64_t creation_ms, bool apply_templates);

  // The index a document written to `target` lands in: a concrete index, the write index of an alias, or a new
  // index (auto-created). Throws illegal_argument_exception when an alias has no single write index.
  Index& write_index_for(const std::string& target, int64_t now_ms);

  // Validates alias invariants (at most one write index per alias).
  void check_alias_invariants() const;

  static void validate_index_name(const std::string& name);
  // {"index":{"number_of_shards":5}} / {"number_of_shards":5} / {"index.number_of_shards":5} → flat index.* map.
  static std::map<std::string, std::string> flatten_settings(const nlohmann::json& settings);
};

}  // namespace peregrine::esdouble
