// The memory store's compact span encoding. A trace is one byte blob of span records; a record is
//
//   varint body_length, then the body:
//     fixed64 span_id | signed start (µs, relative to the trace's base start) | signed duration (µs)
//     varint process index | varint operation-name id | varint flags
//     varint #refs,  ref  = byte (bit0 FOLLOWS_FROM, bit1 other trace) [fixed64 trace high, low] fixed64 span_id
//     varint #tags,  tag  = varint (key id << 3 | code) payload
//     varint #logs,  log  = signed timestamp (relative to the span start) varint #fields, fields as tags
//     varint #warnings, warning = varint length + bytes
//
//   tag codes: 0 interned string (varint value id) · 1 inline string (length + bytes) · 2 false · 3 true ·
//              4 int64 (zigzag varint) · 5 float64 (fixed64 bits) · 6 binary (length + bytes)
//
// Ids refer to the shard's ShardDictionaries; encoding takes one reference per use, release_span_record gives
// them back. The header (id, times, process, operation) comes first so search can reject most spans without
// touching their tags.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "backend/model/span.hpp"
#include "backend/storage/memory/bloom.hpp"
#include "backend/storage/memory/byte_codec.hpp"
#include "backend/storage/memory/shard_dictionaries.hpp"

namespace peregrine::storage::memory {

enum TagCode : uint8_t {
  kInternedString = 0,
  kInlineString = 1,
  kFalse = 2,
  kTrue = 3,
  kInt64 = 4,
  kFloat64 = 5,
  kBinary = 6,
};

// Identity of a (service, operation, span kind) triple, from the strings' hashes: shards remember the triples
// they have registered in the catalog by this key.
inline uint64_t operation_key(uint64_t service_hash, uint64_t operation_hash, uint64_t kind_hash) {
  return mix64(service_hash) ^ mix64(operation_hash + 0x51ed27) ^ mix64(kind_hash * 3 + 0x2545f491);
}

// What writing one span tells the trace / catalog bookkeeping.
struct EncodedSpanInfo {
  int64_t start_us = 0;
  int64_t duration_us = 0;
  uint64_t operation_key = 0;  // operation_key(service, operation name, span kind)
  Bloom512 terms;              // service, operation, span tags, log fields, process tags
};

// Appends the record of `span` to `out`, taking dictionary references. `process`, when not null, is span.process
// with its canonical key already computed.
EncodedSpanInfo encode_span(const model::Span& span, const PreparedProcess* process, int64_t base_start_us,
                            ShardDictionaries& dicts, std::string& out);

// The fixed part of a record. After read_span_header the cursor sits at the reference count.
struct SpanHeader {
  uint64_t span_id = 0;
  int64_t start_us = 0;
  int64_t duration_us = 0;
  uint32_t process = 0;
  uint32_t operation = 0;
  uint32_t flags = 0;
  const uint8_t* record_end = nullptr;
};
SpanHeader read_span_header(ByteCursor& c, int64_t base_start_us);

// Span id and absolute start only (dedupe walk); leaves the cursor at the next record.
struct SpanKey {
  uint64_t span_id;
  int64_t start_us;
};
SpanKey read_span_key_and_skip(ByteCursor& c, int64_t base_start_us);

// One decoded reference (the cursor must be at the reference count for read_references).
struct EncodedRef {
  bool follows_from = false;
  bool other_trace = false;
  model::TraceID trace_id;  // only when other_trace
  uint64_t span_id = 0;
};
EncodedRef read_reference(ByteCursor& c);

// One tag / log field as stored.
struct EncodedTag {
  uint32_t key = 0;
  uint8_t code = 0;
  uint64_t number = 0;     // value id (interned), zigzag-decoded int64 bits, float64 bits
  std::string_view bytes;  // inline string / binary payload
};
inline EncodedTag read_tag(ByteCursor& c) {
  EncodedTag t;
  uint64_t head = c.varint();
  t.key = static_cast<uint32_t>(head >> 3);
  t.code = static_cast<uint8_t>(head & 7);
  switch (t.code) {
    case kInternedString:
      t.number = c.varint();
      break;
    case kInlineString:
    case kBinary:
      t.bytes = c.bytes();
      break;
    case kInt64:
      t.number = static_cast<uint64_t>(c.signed_varint());
      break;
    case kFloat64:
      t.number = c.fixed64();
      break;
    default:
      break;  // bools carry no payload
  }
  return t;
}

// Full decode of the record at the cursor into a model span.
model::Span decode_span(ByteCursor& c, int64_t base_start_us, const model::TraceID& trace_id,
                        const ShardDictionaries& dicts);

// Gives back every dictionary reference held by the record at the cursor (which moves past it).
void release_span_record(ByteCursor& c, ShardDictionaries& dicts);

}  // namespace peregrine::storage::memory
