// Span chunk and span keys encoding (format in span_chunk.hpp).
#include "backend/storage/embedded/span_chunk.hpp"

#include "backend/storage/embedded/byte_order.hpp"

namespace peregrine::storage::embedded {

namespace span_chunk_detail {

ChunkEntry read_chunk_entry(ByteReader& r, int64_t chunk_start_us) {
  ChunkEntry e;
  e.span = r.u64_le();
  e.start_us = static_cast<int64_t>(static_cast<uint64_t>(chunk_start_us) + r.varint());
  e.record = r.string();
  return e;
}

}  // namespace span_chunk_detail

void encode_span_chunk(std::span<const model::Span* const> spans, std::string& out) {
  const int64_t chunk_start = spans.front()->start_time_us;
  put_varint(out, spans.size());
  std::string record;
  for (const model::Span* span : spans) {
    put_u64_le(out, span->span_id);
    put_varint(out, static_cast<uint64_t>(span->start_time_us) - static_cast<uint64_t>(chunk_start));
    record.clear();
    encode_span_record(*span, record);
    put_string(out, record);
  }
}

void encode_span_keys(std::span<const model::Span* const> spans, std::string& out) {
  put_varint(out, spans.size());
  for (const model::Span* span : spans) {
    put_u64_le(out, span->span_id);
    put_signed(out, span->start_time_us);
  }
}

}  // namespace peregrine::storage::embedded
