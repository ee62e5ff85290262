// Maintenance step: SST files whose newest row has expired (per their MaxExpiryCollector property) hold
// nothing readable; compacting them runs ExpiredRowFilter over every row, which deletes the file's contents.
// This frees disk space promptly even when no writes arrive to trigger RocksDB's own compactions.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rocksdb {
class DB;
}

namespace peregrine::storage::embedded {

struct SstFile {
  std::string name;  // as RocksDB reports it ("/000012.sst")
  int level = 0;
  bool being_compacted = false;
  std::optional<int64_t> max_expiry_us;
};

// Files that are wholly expired at now and not already being compacted, grouped by level. Pure.
std::map<int, std::vector<std::string>> expired_files_by_level(const std::vector<SstFile>& files, int64_t now_us);

struct ExpiredCompaction {
  size_t files = 0;  // files compacted away
  bool ok = true;    // false when some compaction failed
};

// Reads the live files and their properties, then compacts each level's expired files in place. Failures
// (e.g. RocksDB picked a file for its own compaction meanwhile) are logged and retried at the next run.
ExpiredCompaction compact_expired_files(rocksdb::DB& db, int64_t now_us);

}  // namespace peregrine::storage::embedded
