// Opening and closing the RocksDB database behind the embedded store, with the hooks and tuning it needs:
// TTL compaction filter and per-file expiry property (expiry_hooks.hpp), trace-id prefix Bloom filters
// (trace_prefix_extractor.hpp), memtable insert hints per index term (index_term_extractor.hpp), LZ4 (ZSTD on
// the last level), periodic compaction every TTL, the write-ahead-log recovery mode chosen by badger.truncate,
// and the on-disk format check (format_marker.hpp).
#pragma once
#include <chrono>
#include <filesystem>
#include <memory>

#include "backend/storage/embedded/clock.hpp"

namespace rocksdb {
class DB;
class CompactionFilter;
}  // namespace rocksdb

namespace peregrine::storage::embedded {

struct DatabaseSettings {
  bool read_only = false;
  bool truncate = false;
  std::chrono::microseconds ttl = std::chrono::hours(72);
  Clock clock = system_now_us;
};

class RocksDatabase {
 public:
  // Opens the database in `directory`, creating both unless read-only. Throws std::runtime_error (also for a
  // directory written in another on-disk format). Closing syncs the write-ahead log.
  RocksDatabase(const std::filesystem::path& directory, const DatabaseSettings& settings);
  ~RocksDatabase();
  RocksDatabase(const RocksDatabase&) = delete;
  RocksDatabase& operator=(const RocksDatabase&) = delete;

  rocksdb::DB& db() { return *db_; }
  const std::filesystem::path& directory() const { return directory_; }

 private:
  std::filesystem::path directory_;
  bool read_only_;
  std::unique_ptr<rocksdb::CompactionFilter> filter_;  // must outlive db_ (declared first, destroyed last)
  std::unique_ptr<rocksdb::DB> db_;
};

// Where the database goes for a configured directory: the directory itself, unless it holds files of a Jaeger
// Badger store (KEYREGISTRY, *.vlog, or a Badger MANIFEST without a RocksDB CURRENT) — RocksDB could mistake
// Badger's NNNNNN.sst files for its own and delete them — in which case the subdirectory peregrine-rocksdb.
std::filesystem::path database_directory_for(const std::filesystem::path& configured);

}  // namespace peregrine::storage::embedded
