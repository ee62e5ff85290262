// Reading index rows back from RocksDB: a newest-first merge over several time-ordered key ranges (e.g. one per
// service) that yields the rows listing at least one span that satisfies the scan's criteria. Expired and
// malformed rows are skipped.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backend/model/ids.hpp"
#include "backend/storage/embedded/index_value.hpp"
#include "backend/storage/embedded/key_layout.hpp"

namespace rocksdb {
class DB;
class Snapshot;
}  // namespace rocksdb

namespace peregrine::storage::embedded {

struct IndexHit {
  int64_t row_start_us = 0;  // no span of the row starts earlier, so neither does its trace
  model::TraceID trace;
};

// Newest row start first across all ranges (ties: smaller trace id first). Each range must hold index rows.
class TimeOrderedScan {
 public:
  // `criteria` must outlive the scan.
  TimeOrderedScan(rocksdb::DB& db, const rocksdb::Snapshot* snapshot, const std::vector<keys::KeyRange>& ranges,
                  int64_t now_us, const EntryCriteria& criteria);
  ~TimeOrderedScan();
  TimeOrderedScan(const TimeOrderedScan&) = delete;
  TimeOrderedScan& operator=(const TimeOrderedScan&) = delete;

  // Throws StorageError when RocksDB reports an error.
  std::optional<IndexHit> next();

 private:
  struct Cursor;
  bool settle(Cursor& c);  // moves c to its next matching live row; false when the range is exhausted

  int64_t now_us_;
  const EntryCriteria& criteria_;
  std::vector<std::unique_ptr<Cursor>> cursors_;
  std::vector<Cursor*> heap_;  // cursors with a current row, newest on top
};

}  // namespace peregrine::storage::embedded
