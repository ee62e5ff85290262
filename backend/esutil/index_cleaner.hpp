// es-index-cleaner's decisions as pure functions: the deletion cutoff (tomorrow's UTC midnight minus NUM_DAYS,
// like Jaeger) and which Jaeger indices to delete — chosen by name pattern (daily/hourly dated indices,
// rollover "-000001" indices, or archive rollover indices) and creation date, never one that holds a write
// alias (IndexInfo::holds_write_alias: a rolled-over index whose write alias says is_write_index=false can go).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "backend/esutil/indices_client.hpp"

namespace peregrine::esutil {

struct CleanerOptions {
  std::string index_prefix;   // as given ("" or "prod"); "-" appended
  std::string date_separator = "-";
  bool archive = false;       // delete archive rollover indices (jaeger-span-archive-NNNNNN)
  bool rollover = false;      // delete rollover indices (jaeger-{span,service,dependencies,sampling}-NNNNNN)
};

// Indices created before the returned instant are deleted: midnight (UTC) after now, minus num_days days.
int64_t deletion_cutoff_ms(int64_t now_ms, int num_days);

// The indices to delete, in input order.
std::vector<IndexInfo> indices_to_delete(const std::vector<IndexInfo>& indices, const CleanerOptions& opts,
                                         int64_t cutoff_ms);

// The write aliases that protect an index from deletion.
std::vector<std::string> protected_write_aliases(const std::string& prefix_with_dash);

std::string prefix_with_dash(const std::string& prefix);

}  // namespace peregrine::esutil
