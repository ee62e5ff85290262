// Reading index rows back from RocksDB: a newest-first merge over several time-ordered key ranges (one per
// service), and a full pass over duration ranges. Expired and malformed rows are skipped.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backend/model/ids.hpp"
#include "backend/storage/embedded/key_layout.hpp"

namespace rocksdb {
class DB;
class Iterator;
class Slice;
class Snapshot;
}  // namespace rocksdb

namespace peregrine::storage::embedded {

struct IndexHit {
  int64_t start_us = 0;
  model::TraceID trace;
  model::SpanID span = 0;
  int64_t duration_us = 0;
};

// Newest first across all ranges. Each range must hold time-ordered index rows (prefix + suffix).
class TimeOrderedScan {
 public:
  TimeOrderedScan(rocksdb::DB& db, const rocksdb::Snapshot* snapshot, const std::vector<keys::KeyRange>& ranges,
                  int64_t now_us);
  ~TimeOrderedScan();
  TimeOrderedScan(const TimeOrderedScan&) = delete;
  TimeOrderedScan& operator=(const TimeOrderedScan&) = delete;

  // Throws StorageError when RocksDB reports an error.
  std::optional<IndexHit> next();

 private:
  struct Cursor;
  bool settle(Cursor& c);  // moves c to its next live row; false when the range is exhausted

  int64_t now_us_;
  std::vector<std::unique_ptr<Cursor>> cursors_;
  std::vector<Cursor*> heap_;  // cursors with a current row, newest on top
};

// Calls `visit` for every live row of the duration ranges (rows under duration_prefix + duration + suffix).
void scan_duration_ranges(rocksdb::DB& db, const rocksdb::Snapshot* snapshot,
                          const std::vector<keys::KeyRange>& ranges, int64_t now_us,
                          const std::function<void(const IndexHit&)>& visit);

}  // namespace peregrine::storage::embedded
