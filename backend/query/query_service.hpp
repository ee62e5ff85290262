// QueryService: what the query front ends (HTTP /api, /api/v3, gRPC) call. Reads from storage, applies the
// standard adjusters (unless raw traces are asked for) and records Jaeger's query metrics:
//   jaeger_query_requests_total{operation, result="ok"|"err"}   counter
//   jaeger_query_latency{operation, result}                        histogram, seconds
// with operation ∈ find_traces, find_trace_ids, get_trace, get_services, get_operations, get_dependencies,
// archive_trace.
// Storage failures are rethrown (the HTTP layer turns them into 500s).
// Archive (Jaeger's ArchiveSpanReader/Writer): get_trace falls back to the archive reader when the primary store
// has no such trace; archive_trace copies a trace (as stored, unadjusted; found through that same fallback) into
// the archive writer.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backend/common/metrics.hpp"
#include "backend/query/adjusters.hpp"
#include "backend/storage/archive_storage.hpp"
#include "backend/storage/span_reader.hpp"

namespace peregrine::query {

struct QueryServiceOptions {
  std::chrono::microseconds max_clock_skew_adjustment{0};  // query.max-clock-skew-adjustment
  storage::ArchiveStorage archive;                          // empty: no archive storage
};

enum class ArchiveOutcome {
  Archived,
  TraceNotFound,     // neither the primary store nor the archive has the trace
  NoArchiveStorage,  // "archive span storage was not configured"
};

class QueryService {
 public:
  QueryService(std::shared_ptr<storage::SpanReader> reader, std::shared_ptr<storage::DependencyReader> dependencies,
               QueryServiceOptions options = {}, common::MetricsRegistry& metrics = common::MetricsRegistry::global());

  // nullopt when the trace does not exist. adjust=false returns the trace as stored.
  std::optional<model::Trace> get_trace(const model::TraceID& id, bool adjust = true);
  std::vector<model::Trace> find_traces(const storage::TraceQuery& q, bool adjust = true);
  std::vector<model::TraceID> find_trace_ids(const storage::TraceQuery& q);
  std::vector<std::string> get_services();
  std::vector<storage::Operation> get_operations(const storage::OperationQuery& q);
  std::vector<model::DependencyLink> get_dependencies(int64_t end_ts_us, int64_t lookback_us);
  // Throws StorageError when reading or writing fails.
  ArchiveOutcome archive_trace(const model::TraceID& id);
  bool archive_available() const { return archive_.available(); }

  void adjust(model::Trace& trace) const;

 private:
  // Runs fn, recording request count and latency under `operation`.
  template <typename Fn>
  auto measured(const char* operation, Fn&& fn) -> decltype(fn());

  std::shared_ptr<storage::SpanReader> reader_;
  std::shared_ptr<storage::DependencyReader> dependencies_;
  storage::ArchiveStorage archive_;
  std::vector<Adjuster> adjusters_;
  common::MetricsRegistry& metrics_;
};

}  // namespace peregrine::query
