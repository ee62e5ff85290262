// The _bulk endpoint of the Elasticsearch double: NDJSON checked like Elasticsearch (terminating newline,
// action/metadata lines with exactly one of "index"/"create" and only _index/_id, a source line per action),
// documents type-checked against the target index mapping, writes through aliases to their write index,
// auto-creation of missing indices with templates, overwrite by _id (index) or 409 conflict (create).
// Per-item fault injection lets tests reject chosen documents with 429/5xx.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "tests/es-double/es_cluster.hpp"

namespace peregrine::esdouble {

struct ItemFault {
  int status = 429;
  std::string type = "es_rejected_execution_exception";
  std::string reason = "rejected execution (injected by the double)";
};

struct BulkOutcome {
  std::string body;
  size_t items = 0;
  size_t failed = 0;
};

// fault(i) is asked for every document (0-based) before it is indexed.
BulkOutcome execute_bulk(Cluster& cluster, const std::string& body, int64_t now_ms,
                         const std::function<std::optional<ItemFault>(size_t)>& fault, bool hit_type);

}  // namespace peregrine::esdouble
