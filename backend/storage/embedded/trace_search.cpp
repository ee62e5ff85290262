// TraceSearch implementation.
#include "backend/storage/embedded/trace_search.hpp"

#include <rocksdb/db.h>

#include <algorithm>
#include <unordered_set>

#include "backend/storage/embedded/catalog_rows.hpp"
#include "backend/storage/embedded/index_scan.hpp"
#include "backend/storage/embedded/span_match.hpp"
#include "backend/storage/embedded/trace_rows.hpp"
#include "backend/storage/span_writer.hpp"

namespace peregrine::storage::embedded {

namespace {

using TraceSet = std::unordered_set<model::TraceID, model::TraceIDHash>;

// A consistent view for one search.
class SnapshotGuard {
 public:
  explicit SnapshotGuard(rocksdb::DB& db) : db_(db), snapshot_(db.GetSnapshot()) {}
  ~SnapshotGuard() { db_.ReleaseSnapshot(snapshot_); }
  SnapshotGuard(const SnapshotGuard&) = delete;
  SnapshotGuard& operator=(const SnapshotGuard&) = delete;
  const rocksdb::Snapshot* get() const { return snapshot_; }

 private:
  rocksdb::DB& db_;
  const rocksdb::Snapshot* snapshot_;
};

// Verifies one candidate trace and offers it to `top`.
class Verifier {
 public:
  Verifier(rocksdb::DB& db, const rocksdb::Snapshot* snapshot, const TraceQuery& q, int64_t now_us,
           memory::TopTraces& top)
      : db_(db), snapshot_(snapshot), q_(q), now_us_(now_us), top_(top) {}

  // `proven`: an index row already shows the trace matches; only its start is needed.
  void consider(const model::TraceID& trace, bool proven) {
    if (proven || top_.full()) {
      std::optional<int64_t> start = load_trace_start(db_, snapshot_, trace, now_us_);
      if (!start) return;
      if (proven) {
        top_.offer(*start, trace);
        return;
      }
      if (*start < top_.threshold()) return;  // cannot make the top N
    }
    std::vector<model::Span> spans = load_trace_spans(db_, snapshot_, trace, now_us_);
    if (spans.empty()) return;
    bool match = std::any_of(spans.begin(), spans.end(), [&](const model::Span& s) { return span_matches(q_, s); });
    if (match) top_.offer(spans.front().start_time_us, trace);  // spans come sorted by start
  }

 private:
  rocksdb::DB& db_;
  const rocksdb::Snapshot* snapshot_;
  const TraceQuery& q_;
  int64_t now_us_;
  memory::TopTraces& top_;
};

size_t limit_of(const TraceQuery& q) { return q.num_traces > 0 ? static_cast<size_t>(q.num_traces) : 0; }

}  // namespace

std::vector<std::string> TraceSearch::services_for(const TraceQuery& q, int64_t now_us) const {
  if (!q.service.empty()) return {q.service};
  return read_services(db_, now_us);
}

std::vector<SearchHit> TraceSearch::find(const TraceQuery& q, int64_t now_us) const {
  std::vector<std::string> services = services_for(q, now_us);
  if (services.empty()) return {};
  return run(q, choose(q, services), services, now_us);
}

std::vector<SearchHit> TraceSearch::find_with(const TraceQuery& q, const ScanPlan& plan, int64_t now_us) const {
  std::vector<std::string> services = services_for(q, now_us);
  if (services.empty()) return {};
  return run(q, plan, services, now_us);
}

ScanPlan TraceSearch::choose(const TraceQuery& q, const std::vector<std::string>& services) const {
  std::vector<ScanPlan> plans = candidate_plans(q);
  if (plans.size() == 1) return plans.front();
  // All plans' ranges in one estimate call; then summed per plan.
  std::vector<std::string> bounds;
  std::vector<size_t> plan_of_range;
  for (size_t i = 0; i < plans.size(); ++i) {
    for (auto& r : plan_ranges(plans[i], q, services)) {
      bounds.push_back(std::move(r.begin));
      bounds.push_back(r.end.empty() ? std::string(1, '\xff') : std::move(r.end));
      plan_of_range.push_back(i);
    }
  }
  if (plan_of_range.empty()) return plans.front();  // contradictory bounds: nothing to scan anyway
  std::vector<rocksdb::Range> ranges;
  ranges.reserve(plan_of_range.size());
  for (size_t i = 0; i < plan_of_range.size(); ++i) ranges.emplace_back(bounds[2 * i], bounds[2 * i + 1]);
  std::vector<uint64_t> sizes(ranges.size(), 0);
  rocksdb::SizeApproximationOptions opts;
  opts.include_memtables = true;
  opts.include_files = true;
  rocksdb::Status s = db_.GetApproximateSizes(opts, db_.DefaultColumnFamily(), ranges.data(),
                                              static_cast<int>(ranges.size()), sizes.data());
  if (!s.ok()) return plans.front();
  std::vector<uint64_t> per_plan(plans.size(), 0);
  for (size_t i = 0; i < sizes.size(); ++i) per_plan[plan_of_range[i]] += sizes[i];
  return plans[choose_plan(plans, per_plan)];
}

std::vector<SearchHit> TraceSearch::run(const TraceQuery& q, const ScanPlan& plan,
                                        const std::vector<std::string>& services, int64_t now_us) const {
  const EntryCriteria criteria = criteria_of(q);
  memory::TopTraces top(limit_of(q));
  SnapshotGuard snapshot(db_);
  Verifier verifier(db_, snapshot.get(), q, now_us, top);
  TimeOrderedScan scan(db_, snapshot.get(), plan_ranges(plan, q, services), now_us, criteria);
  TraceSet done;
  while (auto hit = scan.next()) {
    if (top.full() && hit->row_start_us < top.threshold()) break;
    if (!done.insert(hit->trace).second) continue;
    verifier.consider(hit->trace, plan.rows_prove_match);
  }
  return top.sorted();
}

}  // namespace peregrine::storage::embedded
