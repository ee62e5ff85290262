// Span record encoding and checked decoding (format in span_record.hpp).
#include "backend/storage/embedded/span_record.hpp"

#include <cstring>

#include "backend/storage/embedded/byte_order.hpp"

namespace peregrine::storage::embedded {

namespace {

void encode_kv(const model::KeyValue& kv, std::string& out) {
  put_string(out, kv.key);
  out.push_back(static_cast<char>(kv.type));
  switch (kv.type) {
    case model::ValueType::String:
    case model::ValueType::Binary:
      put_string(out, kv.str);
      break;
    case model::ValueType::Bool:
      out.push_back(kv.b ? 1 : 0);
      break;
    case model::ValueType::Int64:
      put_signed(out, kv.i);
      break;
    case model::ValueType::Float64: {
      uint64_t bits;
      std::memcpy(&bits, &kv.d, sizeof bits);
      put_u64_le(out, bits);
      break;
    }
  }
}

void encode_kvs(const model::KeyValues& kvs, std::string& out) {
  put_varint(out, kvs.size());
  for (const auto& kv : kvs) encode_kv(kv, out);
}

model::KeyValue decode_kv(ByteReader& r) {
  model::KeyValue kv;
  kv.key = std::string(r.string());
  uint8_t type = r.byte();
  switch (static_cast<model::ValueType>(type)) {
    case model::ValueType::String:
      kv.type = model::ValueType::String;
      kv.str = std::string(r.string());
      break;
    case model::ValueType::Binary:
      kv.type = model::ValueType::Binary;
      kv.str = std::string(r.string());
      break;
    case model::ValueType::Bool: {
      kv.type = model::ValueType::Bool;
      uint8_t b = r.byte();
      if (b > 1) throw CorruptRow("bad bool value");
      kv.b = b == 1;
      break;
    }
    case model::ValueType::Int64:
      kv.type = model::ValueType::Int64;
      kv.i = r.signed_varint();
      break;
    case model::ValueType::Float64: {
      kv.type = model::ValueType::Float64;
      uint64_t bits = r.u64_le();
      std::memcpy(&kv.d, &bits, sizeof kv.d);
      break;
    }
    default:
      throw CorruptRow("unknown value type " + std::to_string(type));
  }
  return kv;
}

model::KeyValues decode_kvs(ByteReader& r) {
  size_t n = r.count();
  model::KeyValues kvs;
  kvs.reserve(n);
  for (size_t i = 0; i < n; ++i) kvs.push_back(decode_kv(r));
  return kvs;
}

}  // namespace

void encode_span_record(const model::Span& span, std::string& out) {
  out.push_back(static_cast<char>(kSpanRecordVersion));
  put_varint(out, span.flags);
  put_signed(out, span.duration_us);
  put_string(out, span.operation_name);

  if (span.process) {
    put_string(out, span.process->service_name);
    encode_kvs(span.process->tags, out);
  } else {
    put_string(out, "");
    put_varint(out, 0);
  }

  put_varint(out, span.references.size());
  for (const auto& ref : span.references) {
    const bool other_trace = !(ref.trace_id == span.trace_id);
    out.push_back(static_cast<char>((ref.type == model::RefType::FollowsFrom ? 1 : 0) | (other_trace ? 2 : 0)));
    if (other_trace) {
      put_u64_le(out, ref.trace_id.high);
      put_u64_le(out, ref.trace_id.low);
    }
    put_u64_le(out, ref.span_id);
  }

  encode_kvs(span.tags, out);

  put_varint(out, span.logs.size());
  for (const auto& log : span.logs) {
    put_signed(out, log.timestamp_us - span.start_time_us);
    encode_kvs(log.fields, out);
  }

  put_varint(out, span.warnings.size());
  for (const auto& w : span.warnings) put_string(out, w);
}

model::ProcessPtr ProcessPool::intern(model::Process&& process) {
  for (const auto& p : processes_) {
    if (*p == process) return p;
  }
  processes_.push_back(std::make_shared<const model::Process>(std::move(process)));
  return processes_.back();
}

model::Span decode_span_record(const keys::SpanKey& key, std::string_view record, ProcessPool& processes) {
  ByteReader r(record);
  uint8_t version = r.byte();
  if (version != kSpanRecordVersion) throw CorruptRow("unknown span record version " + std::to_string(version));

  model::Span span;
  span.trace_id = key.trace;
  span.span_id = key.span;
  span.start_time_us = key.start_us;
  uint64_t flags = r.varint();
  if (flags > UINT32_MAX) throw CorruptRow("flags out of range");
  span.flags = static_cast<uint32_t>(flags);
  span.duration_us = r.signed_varint();
  span.operation_name = std::string(r.string());

  model::Process process;
  process.service_name = std::string(r.string());
  process.tags = decode_kvs(r);
  span.process = processes.intern(std::move(process));

  size_t refs = r.count();
  span.references.reserve(refs);
  for (size_t i = 0; i < refs; ++i) {
    uint8_t bits = r.byte();
    if (bits > 3) throw CorruptRow("bad reference flags");
    model::SpanRef ref;
    ref.type = (bits & 1) ? model::RefType::FollowsFrom : model::RefType::ChildOf;
    ref.trace_id = span.trace_id;
    if (bits & 2) {
      ref.trace_id.high = r.u64_le();
      ref.trace_id.low = r.u64_le();
    }
    ref.span_id = r.u64_le();
    span.references.push_back(ref);
  }

  span.tags = decode_kvs(r);

  size_t logs = r.count();
  span.logs.resize(logs);
  for (auto& log : span.logs) {
    log.timestamp_us = span.start_time_us + r.signed_varint();
    log.fields = decode_kvs(r);
  }

  size_t warnings = r.count();
  span.warnings.reserve(warnings);
  for (size_t i = 0; i < warnings; ++i) span.warnings.emplace_back(r.string());

  if (!r.at_end()) throw CorruptRow("trailing bytes after the span record");
  return span;
}

}  // namespace peregrine::storage::embedded
