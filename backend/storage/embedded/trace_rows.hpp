// Reading a trace's rows (key_layout.hpp): every live span (sorted by start, then span id; a span that racing
// writes stored twice appears once), only the trace's start (its first live chunk — the cheap check before
// loading a trace that might not make the top N), or the keys of its stored spans (what a write skips).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "backend/model/span.hpp"

namespace rocksdb {
class DB;
class Iterator;
class Snapshot;
}  // namespace rocksdb

namespace peregrine::storage::embedded {

// Chunks and records that fail to decode are skipped (and logged); RocksDB errors throw StorageError.
std::vector<model::Span> load_trace_spans(rocksdb::DB& db, const rocksdb::Snapshot* snapshot,
                                          const model::TraceID& trace, int64_t now_us);

// Start of the trace's earliest live span; nullopt when the trace has no live span.
std::optional<int64_t> load_trace_start(rocksdb::DB& db, const rocksdb::Snapshot* snapshot,
                                        const model::TraceID& trace, int64_t now_us);

// The (start, span id) of every live span stored for a trace, for the traces of one write: one RocksDB
// iterator serves them all (a trace with no rows costs one Bloom-filtered seek).
class StoredSpanKeys {
 public:
  explicit StoredSpanKeys(rocksdb::DB& db);
  ~StoredSpanKeys();
  StoredSpanKeys(const StoredSpanKeys&) = delete;
  StoredSpanKeys& operator=(const StoredSpanKeys&) = delete;

  // Throws StorageError when RocksDB reports an error.
  std::vector<std::pair<int64_t, model::SpanID>> of(const model::TraceID& trace, int64_t now_us);

 private:
  std::unique_ptr<rocksdb::Iterator> it_;
};

}  // namespace peregrine::storage::embedded
