// Options of the embedded (SPAN_STORAGE_TYPE=badger) store and Jaeger's badger.* flags that set them. Every
// real Jaeger badger flag is accepted with Jaeger's name and default; how each maps onto RocksDB:
//   badger.ephemeral (true)        data in a fresh temporary directory, deleted when the store closes
//   badger.directory-value         the RocksDB directory (RocksDB keeps keys and values together). When only
//                                  badger.directory-key is set, that directory is used instead. Defaults:
//                                  <executable dir>/data/values and /data/keys, as in Jaeger.
//   badger.directory-key           see above; otherwise accepted and unused
//   badger.span-store-ttl (72h)    rows expire this long after they were written
//   badger.consistency (false)     sync the write-ahead log on every write
//   badger.maintenance-interval    how often expired SST files are compacted away and the disk gauges
//                     (5m)         refreshed (Jaeger: value-log GC)
//   badger.metrics-update-interval how often RocksDB size gauges are refreshed
//                     (10s)
//   badger.read-only (false)       open read-only (no writes, no maintenance; several processes may share it)
//   badger.truncate (false)        on restart, drop a write-ahead log tail that cannot be replayed (may lose the
//                                  last writes) instead of refusing to open; Jaeger's badger truncated its
//                                  value log the same way
// Ephemeral stores ignore the directories, read-only and consistency (as Jaeger does).
#pragma once
#include <chrono>
#include <filesystem>
#include <string>

namespace peregrine::common {
class Config;
}

namespace peregrine::storage::embedded {

struct EmbeddedOptions {
  bool ephemeral = true;
  std::filesystem::path directory;  // database directory when !ephemeral
  std::chrono::microseconds span_store_ttl = std::chrono::hours(72);
  bool sync_writes = false;
  std::chrono::nanoseconds maintenance_interval = std::chrono::minutes(5);  // <= 0: no periodic maintenance
  std::chrono::nanoseconds metrics_update_interval = std::chrono::seconds(10);  // <= 0: no periodic metrics
  bool read_only = false;
  bool truncate = false;
};

// Declares the badger.* flags (Jaeger names and defaults).
void define_badger_flags(common::Config& cfg);

// Reads them. Throws std::invalid_argument for a non-positive TTL or an unusable directory setting.
EmbeddedOptions embedded_options_from_config(const common::Config& cfg);

// <directory of the running executable>/data — Jaeger's default root for badger.directory-key/-value.
std::filesystem::path default_data_root();

}  // namespace peregrine::storage::embedded
