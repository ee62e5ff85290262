// Span record encoding / decoding / reference release (format in span_codec.hpp).
#include "backend/storage/memory/span_codec.hpp"

#include <charconv>
#include <cstring>

namespace peregrine::storage::memory {

namespace {

constexpr std::string_view kSpanKindKey = "span.kind";
const uint64_t kTrueHash = string_hash("true");
const uint64_t kFalseHash = string_hash("false");

uint64_t int_value_hash(int64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return string_hash(std::string_view(buf, static_cast<size_t>(res.ptr - buf)));
}

void put_tag_head(ByteWriter& out, uint32_t key, TagCode code) { out.varint((static_cast<uint64_t>(key) << 3) | code); }

// Upper bound of a tag's encoded size: head, then an id / number / length-prefixed payload.
size_t tag_size_bound(const model::KeyValue& kv) {
  return 2 * ByteWriter::kMaxVarint + (kv.type == model::ValueType::String || kv.type == model::ValueType::Binary
                                           ? kv.str.size()
                                           : 0);
}

// Upper bound of the body encode_span writes for `span`.
size_t span_body_bound(const model::Span& span) {
  constexpr size_t V = ByteWriter::kMaxVarint;
  size_t n = 8 + 6 * V;                         // span id, start, duration, process, operation, flags
  n += V + span.references.size() * (1 + 24);  // count, then flags byte + up to three fixed64
  n += V;
  for (const auto& t : span.tags) n += tag_size_bound(t);
  n += V;
  for (const auto& log : span.logs) {
    n += 2 * V;
    for (const auto& f : log.fields) n += tag_size_bound(f);
  }
  n += V;
  for (const auto& w : span.warnings) n += ByteWriter::bytes_bound(w.size());
  return n;
}

// Returns the hash of the value's string rendering (the Bloom term's value half). `recent` (may be null) is the
// remembered symbols of this tag position.
uint64_t encode_tag(const model::KeyValue& kv, ShardDictionaries& d, ByteWriter& out, Bloom512& terms,
                    RecentSymbols::Slot* recent) {
  uint32_t key;
  uint64_t key_hash;
  if (recent && d.names.holds(recent->key, kv.key)) {
    key = recent->key;
    key_hash = d.names.hash(key);
    d.names.add_ref(key);
  } else {
    key_hash = string_hash(kv.key);
    key = d.names.acquire(kv.key, key_hash);
    if (d.names.refs(key) == 1) d.intern_policy.reset(key);
    if (recent) *recent = RecentSymbols::Slot{key, SymbolTable::kNone};
  }
  uint64_t value_hash = 0;
  switch (kv.type) {
    case model::ValueType::String: {
      uint32_t id;
      if (recent && d.values.holds(recent->value, kv.str)) {
        id = recent->value;
        value_hash = d.values.hash(id);
      } else {
        value_hash = string_hash(kv.str);
        id = d.values.find(kv.str, value_hash);
      }
      if (id != SymbolTable::kNone) {
        d.values.add_ref(id);
        d.intern_policy.record_hit(key);
      } else if (d.intern_policy.should_intern(key, kv.str.size())) {
        id = d.values.acquire(kv.str, value_hash);
        d.intern_policy.record_new(key);
      }
      if (recent) recent->value = id;
      if (id != SymbolTable::kNone) {
        put_tag_head(out, key, kInternedString);
        out.varint(id);
      } else {
        put_tag_head(out, key, kInlineString);
        out.bytes(kv.str);
      }
      break;
    }
    case model::ValueType::Bool:
      put_tag_head(out, key, kv.b ? kTrue : kFalse);
      value_hash = kv.b ? kTrueHash : kFalseHash;
      break;
    case model::ValueType::Int64:
      put_tag_head(out, key, kInt64);
      out.signed_varint(kv.i);
      value_hash = int_value_hash(kv.i);
      break;
    case model::ValueType::Float64: {
      put_tag_head(out, key, kFloat64);
      uint64_t bits;
      std::memcpy(&bits, &kv.d, sizeof bits);
      out.fixed64(bits);
      value_hash = string_hash(kv.value_as_string());
      break;
    }
    case model::ValueType::Binary:
      put_tag_head(out, key, kBinary);
      out.bytes(kv.str);
      value_hash = string_hash(kv.value_as_string());
      break;
  }
  terms.add(tag_term(key_hash, value_hash));
  return value_hash;
}

model::KeyValue decode_tag(const EncodedTag& t, const ShardDictionaries& d) {
  model::KeyValue kv;
  kv.key.assign(d.names.text(t.key));
  switch (t.code) {
    case kInternedString:
      kv.type = model::ValueType::String;
      kv.str.assign(d.values.text(static_cast<uint32_t>(t.number)));
      break;
    case kInlineString:
      kv.type = model::ValueType::String;
      kv.str.assign(t.bytes);
      break;
    case kFalse:
    case kTrue:
      kv.type = model::ValueType::Bool;
      kv.b = t.code == kTrue;
      break;
    case kInt64:
      kv.type = model::ValueType::Int64;
      kv.i = static_cast<int64_t>(t.number);
      break;
    case kFloat64:
      kv.type = model::ValueType::Float64;
      std::memcpy(&kv.d, &t.number, sizeof kv.d);
      break;
    case kBinary:
      kv.type = model::ValueType::Binary;
      kv.str.assign(t.bytes);
      break;
    default:
      break;
  }
  return kv;
}

void release_tag(const EncodedTag& t, ShardDictionaries& d) {
  if (t.code == kInternedString) d.values.release(static_cast<uint32_t>(t.number));
  d.names.release(t.key);
}

}  // namespace

EncodedSpanInfo encode_span(const model::Span& span, const PreparedProcess* prepared, int64_t base_start_us,
                            ShardDictionaries& dicts, std::string& out) {
  thread_local std::string scratch;  // sized to the largest bound seen; the body is written at its start
  const size_t bound = span_body_bound(span);
  if (scratch.size() < bound) scratch.resize(bound);
  ByteWriter body(scratch.data());
  EncodedSpanInfo info;
  info.start_us = span.start_time_us;
  info.duration_us = span.duration_us;

  body.fixed64(span.span_id);
  body.signed_varint(span.start_time_us - base_start_us);
  body.signed_varint(span.duration_us);
  const uint32_t process = prepared ? dicts.processes.acquire(*prepared) : dicts.processes.acquire(span.process);
  info.terms.merge(dicts.processes.at(process).terms);
  body.varint(process);
  uint64_t op_hash = string_hash(span.operation_name);
  body.varint(dicts.names.acquire(span.operation_name, op_hash));
  info.terms.add(operation_term(op_hash));
  body.varint(span.flags);

  body.varint(span.references.size());
  for (const auto& r : span.references) {
    bool other = !(r.trace_id == span.trace_id);
    body.byte(static_cast<uint8_t>((r.type == model::RefType::FollowsFrom ? 1 : 0) | (other ? 2 : 0)));
    if (other) {
      body.fixed64(r.trace_id.high);
      body.fixed64(r.trace_id.low);
    }
    body.fixed64(r.span_id);
  }

  body.varint(span.tags.size());
  // The span kind is the first string tag named span.kind (model::Span::span_kind()); "" when absent.
  static const uint64_t kNoKindHash = string_hash("");
  uint64_t kind_hash = kNoKindHash;
  bool kind_seen = false;
  for (size_t i = 0; i < span.tags.size(); ++i) {
    const model::KeyValue& t = span.tags[i];
    const uint64_t value_hash = encode_tag(t, dicts, body, info.terms, dicts.recent.span_tag(i));
    if (!kind_seen && t.type == model::ValueType::String && t.key == kSpanKindKey) {
      kind_hash = value_hash;
      kind_seen = true;
    }
  }
  info.operation_key = operation_key(dicts.processes.at(process).service_hash, op_hash, kind_hash);

  body.varint(span.logs.size());
  for (const auto& log : span.logs) {
    body.signed_varint(log.timestamp_us - span.start_time_us);
    body.varint(log.fields.size());
    for (size_t i = 0; i < log.fields.size(); ++i) {
      encode_tag(log.fields[i], dicts, body, info.terms, dicts.recent.log_field(i));
    }
  }

  body.varint(span.warnings.size());
  for (const auto& w : span.warnings) body.bytes(w);

  const size_t length = static_cast<size_t>(body.position() - scratch.data());
  put_varint(out, length);
  out.append(scratch.data(), length);
  return info;
}

SpanHeader read_span_header(ByteCursor& c, int64_t base_start_us) {
  SpanHeader h;
  size_t length = static_cast<size_t>(c.varint());
  h.record_end = c.position() + length;
  h.span_id = c.fixed64();
  h.start_us = base_start_us + c.signed_varint();
  h.duration_us = c.signed_varint();
  h.process = c.varint32();
  h.operation = c.varint32();
  h.flags = c.varint32();
  return h;
}

SpanKey read_span_key_and_skip(ByteCursor& c, int64_t base_start_us) {
  size_t length = static_cast<size_t>(c.varint());
  const uint8_t* end = c.position() + length;
  SpanKey k;
  k.span_id = c.fixed64();
  k.start_us = base_start_us + c.signed_varint();
  c.jump(end);
  return k;
}

EncodedRef read_reference(ByteCursor& c) {
  EncodedRef r;
  uint8_t bits = c.byte();
  r.follows_from = (bits & 1) != 0;
  r.other_trace = (bits & 2) != 0;
  if (r.other_trace) {
    r.trace_id.high = c.fixed64();
    r.trace_id.low = c.fixed64();
  }
  r.span_id = c.fixed64();
  return r;
}

model::Span decode_span(ByteCursor& c, int64_t base_start_us, const model::TraceID& trace_id,
                        const ShardDictionaries& dicts) {
  SpanHeader h = read_span_header(c, base_start_us);
  model::Span s;
  s.trace_id = trace_id;
  s.span_id = h.span_id;
  s.start_time_us = h.start_us;
  s.duration_us = h.duration_us;
  s.process = dicts.processes.at(h.process).process;
  s.operation_name.assign(dicts.names.text(h.operation));
  s.flags = h.flags;

  size_t n = static_cast<size_t>(c.varint());
  s.references.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    EncodedRef r = read_reference(c);
    model::SpanRef ref;
    ref.trace_id = r.other_trace ? r.trace_id : trace_id;
    ref.span_id = r.span_id;
    ref.type = r.follows_from ? model::RefType::FollowsFrom : model::RefType::ChildOf;
    s.references.push_back(ref);
  }
  n = static_cast<size_t>(c.varint());
  s.tags.reserve(n);
  for (size_t i = 0; i < n; ++i) s.tags.push_back(decode_tag(read_tag(c), dicts));
  n = static_cast<size_t>(c.varint());
  s.logs.resize(n);
  for (auto& log : s.logs) {
    log.timestamp_us = h.start_us + c.signed_varint();
    size_t fields = static_cast<size_t>(c.varint());
    log.fields.reserve(fields);
    for (size_t i = 0; i < fields; ++i) log.fields.push_back(decode_tag(read_tag(c), dicts));
  }
  n = static_cast<size_t>(c.varint());
  s.warnings.reserve(n);
  for (size_t i = 0; i < n; ++i) s.warnings.emplace_back(c.bytes());
  return s;
}

void release_span_record(ByteCursor& c, ShardDictionaries& dicts) {
  SpanHeader h = read_span_header(c, 0);
  dicts.processes.release(h.process);
  dicts.names.release(h.operation);
  size_t n = static_cast<size_t>(c.varint());
  for (size_t i = 0; i < n; ++i) read_reference(c);
  n = static_cast<size_t>(c.varint());
  for (size_t i = 0; i < n; ++i) release_tag(read_tag(c), dicts);
  n = static_cast<size_t>(c.varint());
  for (size_t i = 0; i < n; ++i) {
    c.signed_varint();
    size_t fields = static_cast<size_t>(c.varint());
    for (size_t f = 0; f < fields; ++f) release_tag(read_tag(c), dicts);
  }
  c.jump(h.record_end);
}

}  // namespace peregrine::storage::memory
