// The values of a trace chunk's two rows (key_layout.hpp), after the expiry (row_value.hpp):
//
//   span chunk  varint #spans | span… ; span = u64 span id | varint (start − chunk start) | str span record
//   span keys   varint #spans | key…  ; key  = u64 span id | signed start
//
// Spans are sorted by (start, span id); the chunk start is the first one's start. Each span record
// (span_record.hpp) is length-prefixed, so a record that does not decode is skipped alone. u64 is
// little-endian fixed width, varints as in byte_order.hpp.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "backend/model/span.hpp"
#include "backend/storage/embedded/byte_order.hpp"
#include "backend/storage/embedded/key_layout.hpp"
#include "backend/storage/embedded/span_record.hpp"

namespace peregrine::storage::embedded {

// Appends both payloads for `spans` (not empty, sorted by start then span id, all of one trace).
void encode_span_chunk(std::span<const model::Span* const> spans, std::string& out);
void encode_span_keys(std::span<const model::Span* const> spans, std::string& out);

// Decodes a chunk payload of `trace` whose key says it starts at chunk_start_us, appending its spans to `out`.
// A record that does not decode is skipped and reported through `on_bad_record(span id, reason)`; a payload
// whose framing is broken throws CorruptRow (spans decoded before stay in `out`).
template <typename OnBadRecord>
void decode_span_chunk(std::string_view payload, const model::TraceID& trace, int64_t chunk_start_us,
                       ProcessPool& processes, std::vector<model::Span>& out, OnBadRecord on_bad_record);

// Calls visit(start, span id) for every key of a span-keys payload. Throws CorruptRow.
template <typename Visit>
void decode_span_keys(std::string_view payload, Visit visit);

// ---- implementation of the templates

namespace span_chunk_detail {
struct ChunkEntry {
  model::SpanID span = 0;
  int64_t start_us = 0;
  std::string_view record;
};
// Reads the framing of entry i (after the count); throws CorruptRow.
ChunkEntry read_chunk_entry(ByteReader& r, int64_t chunk_start_us);
}  // namespace span_chunk_detail

template <typename OnBadRecord>
void decode_span_chunk(std::string_view payload, const model::TraceID& trace, int64_t chunk_start_us,
                       ProcessPool& processes, std::vector<model::Span>& out, OnBadRecord on_bad_record) {
  ByteReader r(payload);
  const size_t n = r.count();
  out.reserve(out.size() + n);
  for (size_t i = 0; i < n; ++i) {
    const span_chunk_detail::ChunkEntry e = span_chunk_detail::read_chunk_entry(r, chunk_start_us);
    try {
      out.push_back(decode_span_record(keys::SpanKey{trace, e.start_us, e.span}, e.record, processes));
    } catch (const CorruptRow& bad) {
      on_bad_record(e.span, bad.what());
    }
  }
  if (!r.at_end()) throw CorruptRow("trailing bytes after the span chunk");
}

template <typename Visit>
void decode_span_keys(std::string_view payload, Visit visit) {
  ByteReader r(payload);
  const size_t n = r.count();
  for (size_t i = 0; i < n; ++i) {
    const model::SpanID span = r.u64_le();
    visit(r.signed_varint(), span);
  }
  if (!r.at_end()) throw CorruptRow("trailing bytes after the span keys");
}

}  // namespace peregrine::storage::embedded
