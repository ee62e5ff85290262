// EmbeddedMetrics implementation.
#include "backend/storage/embedded/embedded_metrics.hpp"

#include <rocksdb/db.h>

#include <chrono>
#include <system_error>

namespace peregrine::storage::embedded {

namespace {

double unix_nanos_now() {
  return static_cast<double>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
}

void set_from_property(common::Gauge& gauge, rocksdb::DB& db, const std::string& property) {
  uint64_t v = 0;
  if (db.GetIntProperty(property, &v)) gauge.set(static_cast<double>(v));
}

}  // namespace

EmbeddedMetrics::EmbeddedMetrics(common::MetricsRegistry& r)
    : key_log_bytes_available_(
          r.gauge("jaeger_badger_key_log_bytes_available", "Free bytes on the embedded store's filesystem")),
      value_log_bytes_available_(
          r.gauge("jaeger_badger_value_log_bytes_available", "Free bytes on the embedded store's filesystem")),
      maintenance_last_run_(r.gauge("jaeger_badger_storage_maintenance_last_run",
                                    "Time of the last embedded store maintenance run (Unix ns)")),
      expired_cleanup_last_run_(r.gauge("jaeger_badger_storage_valueloggc_last_run",
                                        "Time of the last successful cleanup of expired files (Unix ns)")),
      sst_bytes_(r.gauge("peregrine_embedded_sst_bytes", "Bytes of live SST files in the embedded store")),
      memtable_bytes_(r.gauge("peregrine_embedded_memtable_bytes", "Bytes held in the embedded store's memtables")),
      estimated_keys_(r.gauge("peregrine_embedded_estimated_keys", "Estimated number of rows in the embedded store")) {}

void EmbeddedMetrics::maintenance_ran(const std::filesystem::path& directory, bool expired_files_compacted) {
  std::error_code ec;
  auto space = std::filesystem::space(directory, ec);
  if (!ec) {
    key_log_bytes_available_.set(static_cast<double>(space.available));
    value_log_bytes_available_.set(static_cast<double>(space.available));
  }
  const double now = unix_nanos_now();
  maintenance_last_run_.set(now);
  if (expired_files_compacted) expired_cleanup_last_run_.set(now);
}

void EmbeddedMetrics::update_sizes(rocksdb::DB& db) {
  set_from_property(sst_bytes_, db, "rocksdb.live-sst-files-size");
  set_from_property(memtable_bytes_, db, "rocksdb.cur-size-all-mem-tables");
  set_from_property(estimated_keys_, db, "rocksdb.estimate-num-keys");
}

}  // namespace peregrine::storage::embedded
