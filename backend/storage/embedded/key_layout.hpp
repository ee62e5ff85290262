// Key layout of the embedded store. One RocksDB key space; the first byte says what a row is. Integers are
// big-endian so byte order is numeric order; strings are length-prefixed (self-delimiting).
//
//   span      'S' trace_hi trace_lo order(start) span_id                 → row value: expiry + span record
//   service   'V' str(service) newest(start) trace_hi trace_lo span_id   → index value: expiry + duration
//   operation 'O' str(service) str(operation) <suffix>                   → index value
//   tag       'G' str(service) str(key) str(value-as-string) <suffix>    → index value
//   duration  'D' str(service) order(duration) <suffix>                  → index value
//   catalog   'C' str(service) str(operation) str(span kind)              → expiry only
//
// <suffix> = newest(start) trace_hi trace_lo span_id: within one index prefix a forward scan yields spans newest
// first, and a start-time window is one contiguous key range. Span rows of a trace are contiguous and sorted
// by start, so the first live row gives the trace's start. Writing the same span again produces the same keys:
// retried writes are idempotent.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "backend/model/ids.hpp"

namespace peregrine::storage::embedded::keys {

enum Kind : char {
  kSpan = 'S',
  kService = 'V',
  kOperation = 'O',
  kTag = 'G',
  kDuration = 'D',
  kCatalog = 'C',
};

constexpr size_t kTracePrefixSize = 17;  // 'S' + 16-byte trace id
constexpr size_t kSpanKeySize = 33;      // trace prefix + start + span id
constexpr size_t kIndexSuffixSize = 32;  // newest(start) + trace id + span id

// --- span rows
std::string trace_prefix(const model::TraceID& trace);
std::string span_key(const model::TraceID& trace, int64_t start_us, model::SpanID span);

struct SpanKey {
  model::TraceID trace;
  int64_t start_us = 0;
  model::SpanID span = 0;
};
std::optional<SpanKey> parse_span_key(std::string_view key);

// --- index rows (prefix, then append_index_suffix)
std::string service_prefix(std::string_view service);
std::string operation_prefix(std::string_view service, std::string_view operation);
std::string tag_prefix(std::string_view service, std::string_view key, std::string_view value);
std::string duration_prefix(std::string_view service);  // followed by order(duration), then the suffix

void append_index_suffix(std::string& key, int64_t start_us, const model::TraceID& trace, model::SpanID span);
void append_duration(std::string& key, int64_t duration_us);

struct IndexSuffix {
  int64_t start_us = 0;
  model::TraceID trace;
  model::SpanID span = 0;
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

// [begin, end) of the rows under `prefix` (an index prefix followed by the suffix) whose start lies in
// [start_min, start_max].
struct KeyRange {
  std::string begin;
  std::string end;  // exclusive; "" = to the end of the key space

  bool empty() const { return !end.empty() && begin >= end; }  // e.g. a window with min > max
};
KeyRange time_window(const std::string& prefix, int64_t start_min_us, int64_t start_max_us);
// Duration rows under duration_prefix(service) with duration in [min, max].
KeyRange duration_window(const std::string& prefix, int64_t duration_min_us, int64_t duration_max_us);

}  // namespace peregrine::storage::embedded::keys
