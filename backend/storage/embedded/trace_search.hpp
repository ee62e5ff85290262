// Trace search over the embedded store's indexes (planning in search_plan.hpp). A plan walks its index newest
// first, skipping rows that list no span within the query's start/duration bounds (and service, for tag rows),
// and stops once the newest `num_traces` traces (by trace start = earliest live span) are certain: a trace
// first met at row start s starts at or before s, so when s falls below the current N-th best start nothing
// later can enter. Each candidate trace is verified once on its decoded spans (one span must satisfy every
// criterion), unless the index row alone proves it; before loading a trace that might not make the top N, its
// start is read from its first span-chunk key.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "backend/storage/embedded/search_plan.hpp"
#include "backend/storage/memory/top_traces.hpp"
#include "backend/storage/span_reader.hpp"

namespace rocksdb {
class DB;
class Snapshot;
}  // namespace rocksdb

namespace peregrine::storage::embedded {

using SearchHit = memory::TopTraces::Hit;

class TraceSearch {
 public:
  explicit TraceSearch(rocksdb::DB& db) : db_(db) {}

  // Newest first (trace start, then trace id), at most q.num_traces (0 = all). Throws StorageError.
  std::vector<SearchHit> find(const TraceQuery& q, int64_t now_us) const;
  // The same with a given plan (one of candidate_plans(q)): lets tests and benchmarks exercise every path.
  std::vector<SearchHit> find_with(const TraceQuery& q, const ScanPlan& plan, int64_t now_us) const;
  // The plan find() uses: the candidate whose key ranges RocksDB estimates smallest (see choose_plan).
  ScanPlan choose(const TraceQuery& q, const std::vector<std::string>& services) const;

 private:
  std::vector<std::string> services_for(const TraceQuery& q, int64_t now_us) const;
  std::vector<SearchHit> run(const TraceQuery& q, const ScanPlan& plan, const std::vector<std::string>& services,
                             int64_t now_us) const;

  rocksdb::DB& db_;
};

}  // namespace peregrine::storage::embedded
