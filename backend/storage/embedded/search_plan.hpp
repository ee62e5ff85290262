// Search planning (pure). A trace matches when one span satisfies every criterion, so every matching trace has
// a span in each index the query names: scanning ONE index enumerates all candidates, which are then verified
// on their spans unless the index row proves the match. Candidate plans, in preference order:
//   Tag(k, v)  one per query tag (values short enough to be indexed); one key range for all services, the
//              rows' entries say which service each listed span belongs to
//   Operation  when the query names an operation                       — one range per service
//   Service    always (every service when the query names none)        — one range per service
// All are time-ordered (newest first). Durations and start windows are checked on the rows' entries, so rows
// of spans outside them are skipped without loading a trace. The store picks the plan whose key ranges RocksDB
// estimates smallest; scans stop as soon as the newest `num_traces` are known.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "backend/storage/embedded/index_value.hpp"
#include "backend/storage/embedded/key_layout.hpp"
#include "backend/storage/span_reader.hpp"

namespace peregrine::storage::embedded {

enum class IndexFamily : uint8_t { Tag, Operation, Service };

struct ScanPlan {
  IndexFamily family = IndexFamily::Service;
  std::string tag_key;  // Tag only
  std::string tag_value;
  // A row of this index with an entry passing the criteria proves its trace matches (the query asks nothing
  // else), so the trace's spans need not be loaded.
  bool rows_prove_match = false;
};

QueryBounds bounds_of(const TraceQuery& q);

// What a listed span must satisfy: the query's bounds, and its service (tag rows only name services).
EntryCriteria criteria_of(const TraceQuery& q);

// Never empty (Service is always possible).
std::vector<ScanPlan> candidate_plans(const TraceQuery& q);

// Key ranges a plan scans: one per service for Operation and Service, one for Tag (none when the query's start
// bounds are contradictory).
std::vector<keys::KeyRange> plan_ranges(const ScanPlan& plan, const TraceQuery& q,
                                        const std::vector<std::string>& services);

// Index into `plans` of the plan to run, given the estimated bytes of each plan's ranges (same order): the
// smallest; ties go to the earlier (preferred) plan.
size_t choose_plan(const std::vector<ScanPlan>& plans, const std::vector<uint64_t>& estimated_bytes);

}  // namespace peregrine::storage::embedded
