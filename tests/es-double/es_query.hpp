// The query DSL subset of the Elasticsearch double: bool (must / filter / should / must_not /
// minimum_should_match), term, range (gt/gte/lt/lte over numbers and dates), nested (including multi-level
// paths such as "logs.fields"), match (exact, no analysis) and match_all. Queries are parsed up front, so an
// unknown query type or a malformed clause is a 400 parsing_exception even against empty indices; nested
// fields are invisible outside a nested query on their path, as in Elasticsearch.
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/es-double/es_mapping.hpp"

namespace peregrine::esdouble {

struct EvalContext {
  const Mapping* mapping = nullptr;
  std::string nested_path;  // "" at document level
};

class Query {
 public:
  virtual ~Query() = default;
  // `node` is the document (nested_path "") or the nested object at nested_path.
  virtual bool matches(const EvalContext& ctx, const nlohmann::json& node) const = 0;
};

// Throws EsException(400, parsing_exception) for what the double does not understand.
std::unique_ptr<Query> parse_query(const nlohmann::json& q);

// Scalar values visible at a full field path from the given context (arrays flattened).
std::vector<const nlohmann::json*> field_values(const EvalContext& ctx, const nlohmann::json& node,
                                                const std::string& field);

// Keyword form of a scalar: strings as-is, booleans "true"/"false", numbers as JSON text.
std::string keyword_text(const nlohmann::json& v);

// Three-way comparison of two scalars (numbers numerically, date strings as instants, else text); used by
// range queries, sorting and search_after.
int compare_scalars(const nlohmann::json& a, const nlohmann::json& b);

}  // namespace peregrine::esdouble
