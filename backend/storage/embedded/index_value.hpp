// The value of an index row (key_layout.hpp): after the expiry (row_value.hpp), the spans the row lists —
// enough to decide from the index alone whether one of them satisfies a query's start window, duration bounds
// and, for tag rows (whose key names no service), service.
//
//   expiry | varint #services | str service… | varint #entries | entry…
//   entry = [varint service index, only when #services > 0] | varint (start − row start) | signed duration
//
// Service and operation rows have no service table (#services = 0: their key names the service). Entries are
// sorted by start; the first one starts at the row start.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace peregrine::storage::embedded {

// One span as an index row lists it.
struct IndexedSpan {
  int64_t start_us = 0;
  int64_t duration_us = 0;
  std::string_view service;  // used by rows with a service table only
};

// Appends the value of a row starting at `row_start_us` listing `spans` (sorted by start, none before the row
// start). With `with_services` the entries name their service (tag rows).
void encode_index_value(std::string& out, int64_t expiry_us, int64_t row_start_us,
                        std::span<const IndexedSpan> spans, bool with_services);

// A query's bounds as inclusive ranges (unbounded sides are the int64 limits).
struct QueryBounds {
  int64_t start_min_us;
  int64_t start_max_us;
  int64_t duration_min_us;
  int64_t duration_max_us;

  bool start_in(int64_t t) const { return t >= start_min_us && t <= start_max_us; }
  bool duration_in(int64_t d) const { return d >= duration_min_us && d <= duration_max_us; }
};

// What one listed span must satisfy for a row to count.
struct EntryCriteria {
  QueryBounds bounds;
  std::string_view service;  // the service of entries that name one ("" = any); ignored for rows without names
};

// True when some span listed in `value` (a whole index value, expiry included) satisfies `criteria`. Throws
// CorruptRow when the value does not parse.
bool any_entry_matches(std::string_view value, int64_t row_start_us, const EntryCriteria& criteria);

// Every span the value lists (for tests and tools). Throws CorruptRow.
std::vector<IndexedSpan> decode_index_value(std::string_view value, int64_t row_start_us);

}  // namespace peregrine::storage::embedded
