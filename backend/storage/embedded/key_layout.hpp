// Key layout of the embedded store (on-disk format 2, see format_marker.hpp). One RocksDB key space; the first
// byte says what a row is. Integers are big-endian so byte order is numeric order; strings are length-prefixed
// (self-delimiting).
//
//   span chunk 'S' trace_hi trace_lo 'D' order(chunk start) write_id  → expiry + span chunk (span_chunk.hpp)
//   span keys  'S' trace_hi trace_lo 'K' write_id                     → expiry + the chunk's (start, span id)s
//   service    'v' str(service) <suffix>                               → index value (index_value.hpp)
//   operation  'o' str(service) str(operation) <suffix>                → index value
//   tag        't' str(key) str(value-as-string) <suffix>              → index value; entries name their service
//   catalog    'C' str(service) str(operation) str(span kind)          → expiry only
//
// A TRACE CHUNK is the spans of one trace stored by one write (write_spans call, numbered by write_id). Its
// spans go into one span-chunk row (chunk start = earliest span start) and their (start, span id) into one
// span-keys row, which writes read to skip spans already stored. Both live under the trace prefix 'S' trace,
// so a trace is one contiguous range (chunk rows ordered by start: the first live one gives the trace's start)
// and the trace-prefix Bloom filters cover both.
//
// Index rows are per trace chunk too: one row holds every span of the chunk that shares the row's term
// (service, service+operation or tag) and starts within kIndexRowSpreadUs of the row's start (the earliest of
// them). <suffix> = newest(row start) trace_hi trace_lo write_id: within one term a forward scan yields rows
// newest first, and since a row's start is at most kIndexRowSpreadUs before any of its spans, a start-time
// window is one contiguous key range. write_id keeps rows of two writes of the same trace apart.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "backend/model/ids.hpp"

namespace peregrine::storage::embedded::keys {

enum Kind : char {
  kTrace = 'S',
  kService = 'v',
  kOperation = 'o',
  kTag = 't',
  kCatalog = 'C',
};

// The byte after the trace prefix: what a trace row holds.
enum TraceRow : char {
  kSpanChunk = 'D',
  kSpanKeys = 'K',
};

constexpr size_t kTracePrefixSize = 17;  // 'S' + 16-byte trace id
constexpr size_t kChunkKeySize = 34;     // trace prefix + 'D' + chunk start + write id
constexpr size_t kSpanKeysKeySize = 26;  // trace prefix + 'K' + write id
constexpr size_t kIndexSuffixSize = 32;  // newest(row start) + trace id + write id

// Largest distance between an index row's start and the start of any span it lists (one minute).
constexpr int64_t kIndexRowSpreadUs = 60'000'000;

// --- trace rows
std::string trace_prefix(const model::TraceID& trace);
std::string chunk_prefix(const model::TraceID& trace);      // every span chunk of the trace
std::string span_keys_prefix(const model::TraceID& trace);  // every span-keys row of the trace
std::string chunk_key(const model::TraceID& trace, int64_t chunk_start_us, uint64_t write_id);
std::string span_keys_key(const model::TraceID& trace, uint64_t write_id);

struct ChunkKey {
  model::TraceID trace;
  int64_t chunk_start_us = 0;
  uint64_t write_id = 0;
};
std::optional<ChunkKey> parse_chunk_key(std::string_view key);

// A span's identity within the store: retried writes are recognised by it.
struct SpanKey {
  model::TraceID trace;
  int64_t start_us = 0;
  model::SpanID span = 0;
  bool operator==(const SpanKey&) const = default;
};

// --- index rows (prefix, then append_index_suffix). The assign_* forms reuse `out`'s buffer.
std::string service_prefix(std::string_view service);
std::string operation_prefix(std::string_view service, std::string_view operation);
std::string tag_prefix(std::string_view key, std::string_view value);
void assign_service_prefix(std::string& out, std::string_view service);
void assign_operation_prefix(std::string& out, std::string_view service, std::string_view operation);
void assign_tag_prefix(std::string& out, std::string_view key, std::string_view value);

void append_index_suffix(std::string& key, int64_t row_start_us, const model::TraceID& trace, uint64_t write_id);

struct IndexSuffix {
  int64_t row_start_us = 0;
  model::TraceID trace;
  uint64_t write_id = 0;
};
// `tail` must be exactly kIndexSuffixSize bytes.
std::optional<IndexSuffix> parse_index_suffix(std::string_view tail);

// --- catalog rows
std::string catalog_prefix();  // every catalog row
std::string catalog_service_prefix(std::string_view service);
std::string catalog_key(std::string_view service, std::string_view operation, std::string_view span_kind);

struct CatalogKey {
  std::string service;
  std::string operation;
  std::string span_kind;
};
std::optional<CatalogKey> parse_catalog_key(std::string_view key);

// --- ranges
// The smallest key greater than every key starting with `prefix` ("" when there is none: prefix all 0xFF).
std::string prefix_successor(std::string_view prefix);

// [begin, end) of the index rows under `prefix` that may list a span starting in [start_min, start_max]: rows
// whose start lies in [start_min - kIndexRowSpreadUs, start_max]. Their spans still need checking.
struct KeyRange {
  std::string begin;
  std::string end;  // exclusive; "" = to the end of the key space

  bool empty() const { return !end.empty() && begin >= end; }  // e.g. a window with min > max
};
KeyRange time_window(const std::string& prefix, int64_t start_min_us, int64_t start_max_us);

}  // namespace peregrine::storage::embedded::keys
