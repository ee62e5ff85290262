// The record of one span inside a span-chunk row (span_chunk.hpp). Self-contained: strings are inline (no
// dictionary), so a row can be read back by any later process. Trace id (the row's key), span id and start time
// (the chunk's entry framing the record) are not repeated here.
//
//   u8 format version (1) | varint flags | signed duration | str operation
//   str service | varint #process tags, kv…
//   varint #refs,  ref = u8 (bit0 FOLLOWS_FROM, bit1 other trace) [u64 trace hi, u64 trace lo] u64 span id
//   varint #tags,  kv…
//   varint #logs,  log = signed (timestamp − span start) varint #fields, kv…
//   varint #warnings, str…
//   kv = str key | u8 value type (model::ValueType) | payload: str (string, binary) · u8 (bool) ·
//        signed varint (int64) · u64 bits (float64)
//
// Numbers are LEB128 varints (signed: zigzag); u64 is little-endian fixed width; str = varint length + bytes.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "backend/model/span.hpp"
#include "backend/storage/embedded/key_layout.hpp"

namespace peregrine::storage::embedded {

constexpr uint8_t kSpanRecordVersion = 1;

// Appends the record of `span` (without the expiry header).
void encode_span_record(const model::Span& span, std::string& out);

// Shares one Process object between the decoded spans of a trace that carry equal processes.
class ProcessPool {
 public:
  model::ProcessPtr intern(model::Process&& process);

 private:
  std::vector<model::ProcessPtr> processes_;
};

// Decodes a record (without the expiry header). Throws CorruptRow when the bytes do not parse.
model::Span decode_span_record(const keys::SpanKey& key, std::string_view record, ProcessPool& processes);

}  // namespace peregrine::storage::embedded
