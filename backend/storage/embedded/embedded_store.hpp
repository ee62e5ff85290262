// EmbeddedStore: SPAN_STORAGE_TYPE=badger — a persistent span store embedded in the process, on RocksDB.
//
//  * Layout (key_layout.hpp, on-disk format 2 — format_marker.hpp): rows per TRACE CHUNK, the spans of one
//    trace stored by one write — one span-chunk row with their records and one span-keys row under the trace's
//    prefix (a trace is one contiguous range), plus index rows for its service, service+operation and tag
//    (span tags, process tags, log fields) terms, each listing its spans' start, duration (and service, for
//    tags), the start time inverted in the key so scans run newest to oldest. Retried writes are deduplicated
//    on (trace, start, span id): a write first reads the span keys of its traces (one Bloom-filtered seek per
//    trace) and skips spans already stored, so the first copy and its index rows stay, as in the memory store.
//    A catalog row per (service, operation, span kind) feeds the services / operations lists. One
//    write_spans call is one RocksDB WriteBatch, keys sorted.
//  * Durability: the write-ahead log is always on and written before write_spans returns, so an acknowledged
//    write survives a crash of the process; badger.consistency=true also syncs it to the disk on every write
//    (as Badger's SyncWrites); closing the store syncs it.
//  * Every value begins with its expiry (now + badger.span-store-ttl at write time). Reads skip expired rows;
//    a compaction filter deletes them; maintenance compacts files holding nothing live (expiry_hooks.hpp,
//    expired_files.hpp).
//  * Search (trace_search.hpp): one index enumerates candidates newest first, rows listing no span within the
//    query's bounds are skipped, candidates are verified on their spans (one span must satisfy every
//    criterion) unless a row proves them, newest `num_traces` by trace start, limit after sorting.
//  * Dependencies: traces with a span starting in [end - lookback, end], links as in dependency_links.hpp.
//  * Survives restarts (unless ephemeral): reopening the directory finds everything that had not expired.
// Thread-safe: RocksDB serialises writers and readers read consistent snapshots.
#pragma once
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "backend/common/metrics.hpp"
#include "backend/storage/embedded/catalog_rows.hpp"
#include "backend/storage/embedded/clock.hpp"
#include "backend/storage/embedded/embedded_options.hpp"
#include "backend/storage/embedded/trace_search.hpp"
#include "backend/storage/span_reader.hpp"
#include "backend/storage/span_writer.hpp"

namespace rocksdb {
class DB;
}

namespace peregrine::storage::embedded {

class EmbeddedMetrics;
class PeriodicTask;
class RocksDatabase;
class TempDirectory;

class EmbeddedStore final : public SpanWriter, public SpanReader, public DependencyReader {
 public:
  // Opens (or creates) the store. `metrics` may be null (no gauges). Throws std::runtime_error when the
  // database cannot be opened (e.g. another process holds it).
  explicit EmbeddedStore(const EmbeddedOptions& options, Clock clock = system_now_us,
                         common::MetricsRegistry* metrics = nullptr);
  ~EmbeddedStore() override;  // stops background work, closes the database, removes an ephemeral directory

  void write_spans(const model::SpanBatch& batch) override;

  std::optional<model::Trace> get_trace(const model::TraceID& id) override;
  std::vector<std::string> get_services() override;
  std::vector<Operation> get_operations(const OperationQuery& q) override;
  std::vector<model::Trace> find_traces(const TraceQuery& q) override;
  std::vector<model::TraceID> find_trace_ids(const TraceQuery& q) override;

  std::vector<model::DependencyLink> get_dependencies(int64_t end_ts_us, int64_t lookback_us) override;

  // One maintenance pass now (also run every badger.maintenance-interval): compacts away SST files that hold
  // only expired rows and refreshes the disk gauges. Returns the number of files compacted.
  size_t run_maintenance();

  bool read_only() const { return read_only_; }
  const std::filesystem::path& directory() const;
  rocksdb::DB& database();                           // for tests and benchmarks
  const TraceSearch& search() const { return *search_; }  // for tests and benchmarks

 private:
  // Per span of the batch: already stored and live, or an earlier span of the batch has the same
  // (trace, start, span id).
  std::vector<bool> already_stored(const model::SpanBatch& batch, int64_t now_us);

  EmbeddedOptions options_;
  Clock clock_;
  bool read_only_;
  std::unique_ptr<TempDirectory> temp_dir_;  // ephemeral only; removed after the database is closed
  std::unique_ptr<RocksDatabase> database_;
  std::unique_ptr<TraceSearch> search_;
  CatalogRefresh catalog_;
  std::atomic<uint64_t> next_write_id_;  // distinguishes index rows of different writes of one trace
  std::unique_ptr<EmbeddedMetrics> metrics_;
  std::unique_ptr<PeriodicTask> maintenance_task_;  // background tasks stop first (declared last)
  std::unique_ptr<PeriodicTask> metrics_task_;
};

}  // namespace peregrine::storage::embedded
