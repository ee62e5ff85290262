// EmbeddedStore implementation: wiring of the database, writes, reads and background tasks.
#include "backend/storage/embedded/embedded_store.hpp"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <limits>
#include <random>
#include <string_view>
#include <unordered_set>

#include "backend/storage/embedded/dependency_links.hpp"
#include "backend/storage/embedded/embedded_metrics.hpp"
#include "backend/storage/embedded/expired_files.hpp"
#include "backend/storage/embedded/index_scan.hpp"
#include "backend/storage/embedded/key_layout.hpp"
#include "backend/storage/embedded/periodic_task.hpp"
#include "backend/storage/embedded/rocks_database.hpp"
#include "backend/storage/embedded/row_value.hpp"
#include "backend/storage/embedded/span_rows.hpp"
#include "backend/storage/embedded/temp_directory.hpp"
#include "backend/storage/embedded/trace_rows.hpp"

namespace peregrine::storage::embedded {

namespace {

// First write id of this store instance: random, so ids of writes before and after a restart do not collide.
uint64_t first_write_id() {
  std::random_device random;
  return (static_cast<uint64_t>(random()) << 32) ^ random();
}

}  // namespace

EmbeddedStore::EmbeddedStore(const EmbeddedOptions& options, Clock clock, common::MetricsRegistry* metrics)
    : options_(options),
      clock_(std::move(clock)),
      read_only_(options.read_only && !options.ephemeral),
      catalog_(options.span_store_ttl.count()),
      next_write_id_(first_write_id()) {
  std::filesystem::path dir;
  if (options_.ephemeral) {
    temp_dir_ = std::make_unique<TempDirectory>("peregrine-badger-");
    dir = temp_dir_->path();
  } else {
    dir = database_directory_for(options_.directory);
  }
  DatabaseSettings settings;
  settings.read_only = read_only_;
  settings.truncate = options_.truncate;
  settings.ttl = options_.span_store_ttl;
  settings.clock = clock_;
  database_ = std::make_unique<RocksDatabase>(dir, settings);
  search_ = std::make_unique<TraceSearch>(database_->db());
  if (metrics) metrics_ = std::make_unique<EmbeddedMetrics>(*metrics);

  if (!read_only_ && options_.maintenance_interval.count() > 0) {
    maintenance_task_ = std::make_unique<PeriodicTask>("embedded storage maintenance", options_.maintenance_interval,
                                                       [this] { run_maintenance(); });
  }
  if (metrics_ && options_.metrics_update_interval.count() > 0) {
    metrics_task_ = std::make_unique<PeriodicTask>("embedded storage metrics", options_.metrics_update_interval,
                                                   [this] { metrics_->update_sizes(database_->db()); });
  }
  spdlog::info("embedded span storage (RocksDB) in {}{}{}; span-store-ttl {}s", dir.string(),
               options_.ephemeral ? " (ephemeral)" : "", read_only_ ? " (read-only)" : "",
               std::chrono::duration_cast<std::chrono::seconds>(options_.span_store_ttl).count());
}

EmbeddedStore::~EmbeddedStore() {
  metrics_task_.reset();
  maintenance_task_.reset();
  search_.reset();
  database_.reset();
  temp_dir_.reset();
}

const std::filesystem::path& EmbeddedStore::directory() const { return database_->directory(); }

rocksdb::DB& EmbeddedStore::database() { return database_->db(); }

std::vector<bool> EmbeddedStore::already_stored(const model::SpanBatch& batch, int64_t now_us) {
  struct SpanKeyHash {
    size_t operator()(const keys::SpanKey& k) const {
      return model::TraceIDHash()(k.trace) ^ (static_cast<size_t>(k.span) * 0x9E3779B97F4A7C15ULL) ^
             static_cast<size_t>(k.start_us);
    }
  };
  std::unordered_set<keys::SpanKey, SpanKeyHash> seen;  // stored ones of the batch's traces, then the batch's
  std::unordered_set<model::TraceID, model::TraceIDHash> looked_up;
  StoredSpanKeys stored_keys(database_->db());
  std::vector<bool> stored(batch.size(), false);
  for (size_t i = 0; i < batch.size(); ++i) {
    const model::Span& span = batch[i];
    if (looked_up.insert(span.trace_id).second) {
      for (const auto& [start, id] : stored_keys.of(span.trace_id, now_us)) seen.insert({span.trace_id, start, id});
    }
    stored[i] = !seen.insert({span.trace_id, span.start_time_us, span.span_id}).second;
  }
  return stored;
}

void EmbeddedStore::write_spans(const model::SpanBatch& batch) {
  if (read_only_) throw StorageError("embedded storage is read-only (badger.read-only=true)");
  if (batch.empty()) return;
  const int64_t now = clock_();
  const int64_t expiry = now + options_.span_store_ttl.count();
  const int64_t catalog_expiry = catalog_.row_expiry(now);
  const std::vector<bool> stored = already_stored(batch, now);  // retries: the first copy stays, with its index

  rocksdb::WriteBatch wb;
  // Catalog keys ('C') sort before every other kind, so putting them first keeps the whole batch ascending.
  std::vector<std::string> catalog_keys;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (stored[i]) continue;
    const model::Span& span = batch[i];
    std::string ck = keys::catalog_key(service_of(span), span.operation_name, span.span_kind());
    if (catalog_.due(ck, now) && std::find(catalog_keys.begin(), catalog_keys.end(), ck) == catalog_keys.end()) {
      catalog_keys.push_back(std::move(ck));
    }
  }
  std::sort(catalog_keys.begin(), catalog_keys.end());
  std::string catalog_value;
  put_expiry(catalog_value, catalog_expiry);
  for (const auto& ck : catalog_keys) wb.Put(ck, catalog_value);
  for (const auto& row : write_rows(batch, stored, expiry, next_write_id_.fetch_add(1))) wb.Put(row.key, row.value);
  if (wb.Count() == 0) return;
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync_writes && !options_.ephemeral;
  rocksdb::Status s = database_->db().Write(wo, &wb);
  if (!s.ok()) throw StorageError("embedded storage write failed: " + s.ToString());
  for (const auto& ck : catalog_keys) catalog_.written(ck, catalog_expiry);
}

std::optional<model::Trace> EmbeddedStore::get_trace(const model::TraceID& id) {
  std::vector<model::Span> spans = load_trace_spans(database_->db(), nullptr, id, clock_());
  if (spans.empty()) return std::nullopt;
  model::Trace trace;
  trace.spans = std::move(spans);
  return trace;
}

std::vector<std::string> EmbeddedStore::get_services() { return read_services(database_->db(), clock_()); }

std::vector<Operation> EmbeddedStore::get_operations(const OperationQuery& q) {
  return read_operations(database_->db(), q, clock_());
}

std::vector<model::Trace> EmbeddedStore::find_traces(const TraceQuery& q) {
  const int64_t now = clock_();
  std::vector<model::Trace> out;
  for (const auto& hit : search_->find(q, now)) {
    // A trace that expired between search and fetch is left out.
    std::vector<model::Span> spans = load_trace_spans(database_->db(), nullptr, hit.id, now);
    if (spans.empty()) continue;
    model::Trace trace;
    trace.spans = std::move(spans);
    out.push_back(std::move(trace));
  }
  return out;
}

std::vector<model::TraceID> EmbeddedStore::find_trace_ids(const TraceQuery& q) {
  std::vector<model::TraceID> out;
  for (const auto& hit : search_->find(q, clock_())) out.push_back(hit.id);
  return out;
}

std::vector<model::DependencyLink> EmbeddedStore::get_dependencies(int64_t end_ts_us, int64_t lookback_us) {
  const int64_t now = clock_();
  rocksdb::DB& db = database_->db();
  const int64_t start_ts_us = end_ts_us - lookback_us;
  std::vector<keys::KeyRange> ranges;
  for (const auto& service : read_services(db, now)) {
    ranges.push_back(keys::time_window(keys::service_prefix(service), start_ts_us, end_ts_us));
  }
  const EntryCriteria in_window{QueryBounds{start_ts_us, end_ts_us, std::numeric_limits<int64_t>::min(),
                                            std::numeric_limits<int64_t>::max()},
                                {}};
  const rocksdb::Snapshot* snapshot = db.GetSnapshot();
  DependencyCounter counter;
  try {
    TimeOrderedScan scan(db, snapshot, ranges, now, in_window);
    std::unordered_set<model::TraceID, model::TraceIDHash> seen;
    while (auto hit = scan.next()) {
      if (seen.insert(hit->trace).second) counter.add_trace(load_trace_spans(db, snapshot, hit->trace, now));
    }
  } catch (...) {
    db.ReleaseSnapshot(snapshot);
    throw;
  }
  db.ReleaseSnapshot(snapshot);
  return counter.links();
}

size_t EmbeddedStore::run_maintenance() {
  ExpiredCompaction result;
  if (!read_only_) result = compact_expired_files(database_->db(), clock_());
  if (metrics_) metrics_->maintenance_ran(directory(), result.ok);
  return result.files;
}

}  // namespace peregrine::storage::embedded
