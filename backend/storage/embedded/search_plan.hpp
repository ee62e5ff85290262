// Search planning (pure). A trace matches when one span satisfies every criterion, so every matching trace has
// a span in each index the query names: scanning ONE index enumerates all candidates, which are then verified
// on their spans. Candidate plans, in preference order:
//   Tag(k, v)  one per query tag (values short enough to be indexed)   — time-ordered, newest first
//   Operation  when the query names an operation                      — time-ordered
//   Service    always (all services when the query names none)        — time-ordered
//   Duration   when the query bounds the duration                     — ordered by duration: every row in
//              the duration range is collected, then candidates are visited newest first
// The store picks the plan whose key ranges RocksDB estimates smallest; time-ordered scans stop as soon as the
// newest `num_traces` are known, so Duration must be several times smaller to win.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "backend/storage/embedded/key_layout.hpp"
#include "backend/storage/span_reader.hpp"

namespace peregrine::storage::embedded {

enum class IndexFamily : uint8_t { Tag, Operation, Service, Duration };

struct ScanPlan {
  IndexFamily family = IndexFamily::Service;
  std::string tag_key;  // Tag only
  std::string tag_value;
  // A row of this index that passes the start/duration checks proves its trace matches (the query asks nothing
  // else), so the trace's spans need not be loaded.
  bool rows_prove_match = false;

  bool time_ordered() const { return family != IndexFamily::Duration; }
};

// The query's bounds as inclusive ranges (unbounded sides become the int64 limits).
struct QueryBounds {
  int64_t start_min_us;
  int64_t start_max_us;
  int64_t duration_min_us;
  int64_t duration_max_us;

  bool start_in(int64_t t) const { return t >= start_min_us && t <= start_max_us; }
  bool duration_in(int64_t d) const { return d >= duration_min_us && d <= duration_max_us; }
};
QueryBounds bounds_of(const TraceQuery& q);

// Never empty (Service is always possible).
std::vector<ScanPlan> candidate_plans(const TraceQuery& q);

// Key ranges a plan scans, one per service (none when the query's bounds are contradictory).
std::vector<keys::KeyRange> plan_ranges(const ScanPlan& plan, const TraceQuery& q,
                                        const std::vector<std::string>& services);

// Duration (collect everything in range) must be estimated this many times smaller than the best time-ordered
// plan to be chosen.
constexpr uint64_t kDurationPlanHandicap = 4;

// Index into `plans` of the plan to run, given the estimated bytes of each plan's ranges (same order).
size_t choose_plan(const std::vector<ScanPlan>& plans, const std::vector<uint64_t>& estimated_bytes);

}  // namespace peregrine::storage::embedded
