// IndicesClient: the index-administration calls of es-index-cleaner, es-rollover and the storage bootstrap —
// backend version (GET /), Jaeger index listing with creation dates and aliases, index creation and
// deletion, alias changes, rollover and index templates. Every failure throws EsError.
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "backend/esutil/backend_version.hpp"
#include "backend/esutil/es_http_client.hpp"

namespace peregrine::esutil {

struct IndexInfo {
  std::string name;
  int64_t creation_ms = 0;  // index.creation_date
  std::set<std::string> aliases;
  std::set<std::string> non_write_aliases;  // aliases carrying "is_write_index": false
  bool has_alias(const std::string& a) const { return aliases.count(a) != 0; }
  // Writes through alias `a` would land here: the alias is present and not marked is_write_index=false. After a
  // rollover with is_write_index=true the old index keeps the alias with false — it no longer holds it (Jaeger
  // treats mere presence as holding it, so its cleaner and lookback never touch rolled-over indices).
  bool holds_write_alias(const std::string& a) const { return has_alias(a) && non_write_aliases.count(a) == 0; }
};

struct AliasAction {
  std::string index;
  std::string alias;
  bool is_write_index = false;  // only for "add"
};

class IndicesClient {
 public:
  IndicesClient(EsHttpClient& http, int master_timeout_seconds = 120)
      : http_(http), master_timeout_seconds_(master_timeout_seconds) {}

  BackendVersion version();

  // Every index matching "<prefix>jaeger-*" (prefix already including its trailing '-', or ""), sorted by name.
  // An empty cluster yields an empty list.
  std::vector<IndexInfo> jaeger_indices(const std::string& prefix_with_dash);

  // Deletes indices in requests whose URL stays under 4000 characters; missing indices are ignored unless
  // ignore_unavailable is false.
  void delete_indices(const std::vector<std::string>& names, bool ignore_unavailable = true);

  // Creates an index; returns false when it already existed.
  bool create_index(const std::string& name);

  void add_aliases(const std::vector<AliasAction>& actions);
  void remove_aliases(const std::vector<AliasAction>& actions);

  // POST /<alias>/_rollover/ with {"conditions": …} when conditions_json is a non-empty JSON object.
  void rollover(const std::string& write_alias, const std::string& conditions_json);

  // PUT of a template body to the endpoint matching the version.
  void put_template(const std::string& name, const std::string& body, const BackendVersion& version);

 private:
  void alias_actions(const char* action, const std::vector<AliasAction>& actions);

  EsHttpClient& http_;
  int master_timeout_seconds_;
};

// Indices that carry at least one of the aliases (preserving order).
std::vector<IndexInfo> indices_with_any_alias(const std::vector<IndexInfo>& indices,
                                              const std::vector<std::string>& aliases);
// Indices that hold none of the write aliases (see IndexInfo::holds_write_alias).
std::vector<IndexInfo> indices_not_holding(const std::vector<IndexInfo>& indices,
                                           const std::vector<std::string>& write_aliases);
// Indices that hold the write alias.
std::vector<IndexInfo> indices_holding(const std::vector<IndexInfo>& indices, const std::string& write_alias);
// Indices created strictly before cutoff_ms.
std::vector<IndexInfo> indices_created_before(const std::vector<IndexInfo>& indices, int64_t cutoff_ms);
bool alias_exists(const std::vector<IndexInfo>& indices, const std::string& alias);

}  // namespace peregrine::esutil
