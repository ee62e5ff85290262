// The rows a write turns into (pure, no I/O; layout in key_layout.hpp). Each trace chunk — the spans of one
// trace stored by one write — gets one span-chunk row (every span record), one span-keys row (what later writes
// check to skip spans already stored) and index rows: one per term its spans share (service,
// service+operation, and every tag key/value among span tags, process tags and log fields, values rendered as
// strings the way queries compare them), split when the spans' starts lie more than kIndexRowSpreadUs apart.
// A chunk of 10 spans with the usual repeated tags thus costs about 4 rows per span instead of ~20.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "backend/model/span.hpp"

namespace peregrine::storage::embedded {

// Tags whose key or rendered value is longer than this get no index row (keys stay small); a query on such a
// tag is answered through another index and verified on the spans, so it still finds them.
constexpr size_t kMaxIndexedTagBytes = 256;

struct Row {
  std::string key;
  std::string value;
};

// Service name the span is stored under ("" without a process).
const std::string& service_of(const model::Span& span);

// A trace chunk: not empty, every span of the same trace, sorted by (start, span id).
using Chunk = std::span<const model::Span* const>;

Row span_chunk_row(Chunk chunk, int64_t expiry_us, uint64_t write_id);
Row span_keys_row(Chunk chunk, int64_t expiry_us, uint64_t write_id);
// In no particular order.
std::vector<Row> chunk_index_rows(Chunk chunk, int64_t expiry_us, uint64_t write_id);

// Every row of one write: the rows of each trace chunk among the spans batch[i] with !skip[i]. Sorted by key:
// RocksDB inserts a batch of ascending keys into its memtable much faster.
std::vector<Row> write_rows(const model::SpanBatch& batch, const std::vector<bool>& skip, int64_t expiry_us,
                            uint64_t write_id);

}  // namespace peregrine::storage::embedded
