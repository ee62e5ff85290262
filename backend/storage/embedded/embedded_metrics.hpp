// Gauges of the embedded store. Jaeger's badger gauges keep their names (key/value "log" space available =
// free bytes on the database's filesystem; maintenance and "value log GC" last-run timestamps in Unix ns, the
// latter being the expired-file compaction here); RocksDB sizes are exported under peregrine_embedded_*.
#pragma once
#include <filesystem>

#include "backend/common/metrics.hpp"

namespace rocksdb {
class DB;
}

namespace peregrine::storage::embedded {

class EmbeddedMetrics {
 public:
  explicit EmbeddedMetrics(common::MetricsRegistry& registry);

  // After a maintenance run (free disk space, run timestamps).
  void maintenance_ran(const std::filesystem::path& directory, bool expired_files_compacted);
  // RocksDB size properties (every badger.metrics-update-interval).
  void update_sizes(rocksdb::DB& db);

 private:
  common::Gauge& key_log_bytes_available_;
  common::Gauge& value_log_bytes_available_;
  common::Gauge& maintenance_last_run_;
  common::Gauge& expired_cleanup_last_run_;
  common::Gauge& sst_bytes_;
  common::Gauge& memtable_bytes_;
  common::Gauge& estimated_keys_;
};

}  // namespace peregrine::storage::embedded
