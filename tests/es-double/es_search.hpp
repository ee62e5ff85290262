// Search execution of the Elasticsearch double: query, from/size (with the 10,000 result window), sort with
// search_after, hits.total capped at 10,000 ("gte") like Elasticsearch's default track_total_hits, and the
// terms (with order by _count, _key or a sub-aggregation) and max aggregations. Request bodies are checked
// strictly: unknown keys and unsupported options are 400 errors.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/es-double/es_cluster.hpp"

namespace peregrine::esdouble {

struct SearchResult {
  std::string body;  // response JSON text
};

// `hit_type`: include "_type":"_doc" in hits (Elasticsearch 7).
SearchResult execute_search(const std::vector<Index*>& targets, const nlohmann::json& request, bool hit_type);

}  // namespace peregrine::esdouble
