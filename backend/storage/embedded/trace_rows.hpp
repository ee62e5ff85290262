// Reading a trace's span rows: every live span (sorted by start, then span id), or only the trace's start
// (its first live row — the cheap check before loading a trace that might not make the top N).
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "backend/model/span.hpp"

namespace rocksdb {
class DB;
class Snapshot;
}  // namespace rocksdb

namespace peregrine::storage::embedded {

// Rows that fail to decode are skipped (and logged); RocksDB errors throw StorageError.
std::vector<model::Span> load_trace_spans(rocksdb::DB& db, const rocksdb::Snapshot* snapshot,
                                          const model::TraceID& trace, int64_t now_us);

// Start of the trace's earliest live span; nullopt when the trace has no live span.
std::optional<int64_t> load_trace_start(rocksdb::DB& db, const rocksdb::Snapshot* snapshot,
                                        const model::TraceID& trace, int64_t now_us);

}  // namespace peregrine::storage::embedded
