// Direct OTLP wire decoding into the span model (contract in otlp_wire_to_model.hpp). Each message is read with a
// WireReader that validates exactly what protobuf's parser validates for the fields it meets; anything outside the
// well-trodden encoding throws UseReferencePath, which otlp_wire_to_model turns into "not converted". Spans are
// written over the elements of the batch passed in (a recycled one keeps its vectors' and strings' capacity).
#include "backend/convert/otlp_wire_to_model.hpp"

#include <google/protobuf/io/coded_stream.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "backend/convert/otlp_attributes.hpp"
#include "opentelemetry/proto/common/v1/common.pb.h"

namespace peregrine::convert {
namespace {

namespace otlp_common = opentelemetry::proto::common::v1;

struct UseReferencePath {};
[[noreturn]] void decline() { throw UseReferencePath{}; }

enum WireType : uint32_t { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };

// Recursion budget for decoding array and map attribute values with protobuf. Inside the whole request protobuf
// has 96 levels left at a resource attribute's value (default limit 100: request > resource_spans > resource >
// key_value > value), 95 at span and scope attribute values and 94 at event and link attribute values. Two levels
// fewer are granted here: a value nested that deep is declined (the reference path decides) rather than risking an
// off-by-one acceptance of a request protobuf would reject.
constexpr int kBudgetMargin = 2;
constexpr int kResourceValueDepth = 96 - kBudgetMargin;
constexpr int kSpanValueDepth = 95 - kBudgetMargin;
constexpr int kEventValueDepth = 94 - kBudgetMargin;

constexpr std::string_view kServiceNameKey = "service.name";
constexpr std::string_view kNoServiceName = "OTLPResourceNoServiceName";
constexpr std::string_view kRefTypeKey = "opentracing.ref_type";
constexpr std::string_view kRefTypeChildOf = "child_of";
constexpr std::string_view kRefTypeFollowsFrom = "follows_from";
constexpr uint32_t kSampledFlag = 1;

struct Field {
  uint32_t number;
  uint32_t wire_type;
};

// Cursor over one message's bytes.
class WireReader {
 public:
  explicit WireReader(std::string_view bytes)
      : p_(reinterpret_cast<const uint8_t*>(bytes.data())), end_(p_ + bytes.size()) {}

  bool done() const { return p_ == end_; }

  // Protobuf reads tags of up to 5 bytes, silently truncating the fifth; only up to 4 bytes (field numbers below
  // 2^25) are taken here. A zero field number (end-of-message marker) is left to protobuf too.
  Field field() {
    if (p_ != end_ && *p_ < 0x80 && *p_ >= 8) {  // one-byte tag, field number ≥ 1: nearly every tag in OTLP
      const uint8_t tag = *p_++;
      return Field{static_cast<uint32_t>(tag >> 3), static_cast<uint32_t>(tag & 7)};
    }
    uint32_t tag = 0;
    for (int i = 0; i < 4; ++i) {
      if (p_ == end_) decline();
      const uint8_t b = *p_++;
      tag |= static_cast<uint32_t>(b & 0x7F) << (7 * i);
      if (b < 0x80) {
        if ((tag >> 3) == 0) decline();
        return Field{tag >> 3, tag & 7};
      }
    }
    decline();
  }

  // Up to 10 bytes, bits beyond 64 dropped (as protobuf does).
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) decline();
      const uint8_t b = *p_++;
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (b < 0x80) return v;
    }
    decline();
  }

  uint64_t fixed64() {
    need(8);
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p_[i];
    p_ += 8;
    return v;
  }

  // Sizes are varints of at most 5 bytes in protobuf; they must fit in what is left of this message.
  std::string_view length_delimited() {
    if (p_ != end_ && *p_ < 0x80 && static_cast<size_t>(end_ - p_ - 1) >= *p_) {  // one-byte length
      std::string_view v(reinterpret_cast<const char*>(p_ + 1), *p_);
      p_ += 1 + *p_;
      return v;
    }
    uint64_t size = 0;
    for (int i = 0;; ++i) {
      if (i == 5 || p_ == end_) decline();
      const uint8_t b = *p_++;
      size |= static_cast<uint64_t>(b & 0x7F) << (7 * i);
      if (b < 0x80) break;
    }
    if (size > static_cast<uint64_t>(end_ - p_)) decline();
    std::string_view v(reinterpret_cast<const char*>(p_), static_cast<size_t>(size));
    p_ += size;
    return v;
  }

  // Skips a field this decoder does not use (protobuf keeps it as an unknown field). Groups and invalid wire
  // types are left to protobuf.
  void skip(uint32_t wire_type) {
    switch (wire_type) {
      case kVarint:
        varint();
        return;
      case kFixed64:
        need(8);
        p_ += 8;
        return;
      case kLengthDelimited:
        length_delimited();
        return;
      case kFixed32:
        need(4);
        p_ += 4;
        return;
      default:
        decline();
    }
  }

 private:
  void need(size_t n) const {
    if (static_cast<size_t>(end_ - p_) < n) decline();
  }

  const uint8_t* p_;
  const uint8_t* end_;
};

bool is(const Field& f, uint32_t number, uint32_t wire_type) { return f.number == number && f.wire_type == wire_type; }

bool all_zero(std::string_view bytes) {
  for (char c : bytes) {
    if (c != 0) return false;
  }
  return true;
}

const unsigned char* as_bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// A proto2 enum field: values outside the enum are kept aside by protobuf (the field keeps its previous value).
void read_enum(WireReader& r, int max_valid, int& field) {
  const int value = static_cast<int>(static_cast<uint32_t>(r.varint()));
  if (value >= 0 && value <= max_valid) field = value;
}

// ---- attributes -----------------------------------------------------------------------------------------------

struct KeyValueView {
  std::string_view key;
  std::string_view value;  // AnyValue bytes
  bool has_value = false;
};

KeyValueView read_key_value(std::string_view bytes) {
  KeyValueView kv;
  WireReader r(bytes);
  while (!r.done()) {
    const Field f = r.field();
    if (is(f, 1, kLengthDelimited)) {
      kv.key = r.length_delimited();
    } else if (is(f, 2, kLengthDelimited)) {
      if (kv.has_value) decline();  // protobuf would merge both occurrences
      kv.value = r.length_delimited();
      kv.has_value = true;
    } else {
      r.skip(f.wire_type);
    }
  }
  return kv;
}

// An AnyValue's oneof as the last member set leaves it (protobuf's oneof semantics), for scalar members.
struct AnyValueView {
  enum Kind { kNotSet, kString, kBool, kInt, kDouble, kBytes };
  Kind kind = kNotSet;
  std::string_view bytes;  // string / bytes payload
  uint64_t number = 0;     // bool, int and double bits
  bool nested = false;     // an array or map member appeared: protobuf must decode the value
};

AnyValueView read_any_value(std::string_view bytes) {
  AnyValueView v;
  WireReader r(bytes);
  while (!r.done()) {
    const Field f = r.field();
    if (is(f, 1, kLengthDelimited)) {
      v.kind = AnyValueView::kString;
      v.bytes = r.length_delimited();
    } else if (is(f, 2, kVarint)) {
      v.kind = AnyValueView::kBool;
      v.number = r.varint();
    } else if (is(f, 3, kVarint)) {
      v.kind = AnyValueView::kInt;
      v.number = r.varint();
    } else if (is(f, 4, kFixed64)) {
      v.kind = AnyValueView::kDouble;
      v.number = r.fixed64();
    } else if (is(f, 7, kLengthDelimited)) {
      v.kind = AnyValueView::kBytes;
      v.bytes = r.length_delimited();
    } else if (is(f, 5, kLengthDelimited) || is(f, 6, kLengthDelimited)) {
      v.nested = true;
      r.length_delimited();
    } else {
      r.skip(f.wire_type);
    }
  }
  return v;
}

// The value decoded by protobuf, as it would be inside the whole request (same recursion budget).
otlp_common::AnyValue parse_any_value(std::string_view bytes, int recursion_budget) {
  google::protobuf::io::CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()),
                                            static_cast<int>(bytes.size()));
  in.SetRecursionLimit(recursion_budget);
  otlp_common::AnyValue value;
  if (!value.ParseFromCodedStream(&in) || !in.ConsumedEntireMessage()) decline();
  return value;
}

// ---- filling model objects in place ---------------------------------------------------------------------------
// Recycled batches are overwritten element by element: assigning into an existing std::string or vector keeps its
// capacity, so a batch decoded into a recycled one of similar shape allocates (almost) nothing.

// Element i of v to overwrite: an existing one, or a new one appended.
template <typename T>
T& element(std::vector<T>& v, size_t i) {
  if (i < v.size()) return v[i];
  return v.emplace_back();
}

template <typename T>
void truncate(std::vector<T>& v, size_t n) {
  if (v.size() > n) v.erase(v.begin() + static_cast<std::ptrdiff_t>(n), v.end());
}

// Overwrites a KeyValues vector from its start; finish() drops what was left of its previous content.
class KeyValuesWriter {
 public:
  explicit KeyValuesWriter(model::KeyValues& out) : out_(out) {}
  model::KeyValue& next() { return element(out_, n_++); }
  void finish() { truncate(out_, n_); }

 private:
  model::KeyValues& out_;
  size_t n_ = 0;
};

// Overwrites `s` with `text`. A recycled string usually holds this very text already (the same key at the same
// position, a repeated value): comparing first, inline, skips the write and its generic assign.
void overwrite(std::string& s, std::string_view text) {
  const size_t n = text.size();
  if (s.size() == n) {
    const char* a = s.data();
    const char* b = text.data();
    size_t i = 0;
    uint64_t diff = 0;
    for (; i + 8 <= n; i += 8) {
      uint64_t x;
      uint64_t y;
      std::memcpy(&x, a + i, 8);
      std::memcpy(&y, b + i, 8);
      diff |= x ^ y;
    }
    for (; i < n; ++i) diff |= static_cast<uint64_t>(static_cast<unsigned char>(a[i] ^ b[i]));
    if (diff == 0) return;
  }
  s.assign(text);
}

// The value setters leave the fields exactly as the model::KeyValue factory functions do (union zeroed first).
void set_string(model::KeyValue& kv, std::string_view value) {
  kv.type = model::ValueType::String;
  overwrite(kv.str, value);
  kv.i = 0;
}

void set_bool(model::KeyValue& kv, bool value) {
  kv.type = model::ValueType::Bool;
  kv.str.clear();
  kv.i = 0;
  kv.b = value;
}

void set_int(model::KeyValue& kv, int64_t value) {
  kv.type = model::ValueType::Int64;
  kv.str.clear();
  kv.i = value;
}

void set_double(model::KeyValue& kv, double value) {
  kv.type = model::ValueType::Float64;
  kv.str.clear();
  kv.d = value;
}

void set_binary(model::KeyValue& kv, std::string_view value) {
  kv.type = model::ValueType::Binary;
  overwrite(kv.str, value);
  kv.i = 0;
}

// dst = src, reusing dst's strings.
void copy_into(model::KeyValue& dst, const model::KeyValue& src) {
  overwrite(dst.key, src.key);
  overwrite(dst.str, src.str);
  dst.type = src.type;
  std::memcpy(&dst.i, &src.i, sizeof dst.i);  // the whole value union
}

// Sets kv's value to otlp_value_to_key_value of the attribute's value (an unset value → empty string); kv.key must
// already hold the key.
void write_value(model::KeyValue& kv, const KeyValueView& view, int depth) {
  if (!view.has_value) {
    set_string(kv, {});
    return;
  }
  const AnyValueView v = read_any_value(view.value);
  if (v.nested) {
    otlp_common::AnyValue parsed = parse_any_value(view.value, depth);
    kv = otlp_value_to_key_value(std::move(kv.key), parsed);
    return;
  }
  switch (v.kind) {
    case AnyValueView::kString:
      set_string(kv, v.bytes);
      return;
    case AnyValueView::kBool:
      set_bool(kv, v.number != 0);
      return;
    case AnyValueView::kInt:
      set_int(kv, static_cast<int64_t>(v.number));
      return;
    case AnyValueView::kDouble: {
      double d;
      std::memcpy(&d, &v.number, sizeof d);
      set_double(kv, d);
      return;
    }
    case AnyValueView::kBytes:
      set_binary(kv, v.bytes);
      return;
    case AnyValueView::kNotSet:
      break;
  }
  set_string(kv, {});
}

void write_attribute(model::KeyValue& kv, const KeyValueView& view, int depth) {
  overwrite(kv.key, view.key);
  write_value(kv, view, depth);
}

// AnyValue::string_value() of the attribute's value: the string when that is the member set, else "".
std::string_view string_value_of(const KeyValueView& kv, int depth, std::string& storage) {
  if (!kv.has_value) return {};
  const AnyValueView v = read_any_value(kv.value);
  if (v.nested) {
    otlp_common::AnyValue parsed = parse_any_value(kv.value, depth);
    storage = parsed.string_value();
    return storage;
  }
  return v.kind == AnyValueView::kString ? v.bytes : std::string_view();
}

// Writes every KeyValue of `bytes` stored under `field_number` (append_otlp_attributes).
void write_attributes(std::string_view bytes, uint32_t field_number, int depth, KeyValuesWriter& out) {
  WireReader r(bytes);
  while (!r.done()) {
    const Field f = r.field();
    if (is(f, field_number, kLengthDelimited)) {
      write_attribute(out.next(), read_key_value(r.length_delimited()), depth);
    } else {
      r.skip(f.wire_type);
    }
  }
}

// ---- resource and scope ---------------------------------------------------------------------------------------

// Resource (field 1 = attributes) → Process, as make_process does.
model::ProcessPtr make_process(std::string_view resource, bool has_resource) {
  auto process = std::make_shared<model::Process>();
  if (has_resource) {
    WireReader r(resource);
    while (!r.done()) {
      const Field f = r.field();
      if (!is(f, 1, kLengthDelimited)) {
        r.skip(f.wire_type);
        continue;
      }
      const KeyValueView kv = read_key_value(r.length_delimited());
      if (kv.key == kServiceNameKey) {
        const AnyValueView v = kv.has_value ? read_any_value(kv.value) : AnyValueView{};
        if (!v.nested && v.kind == AnyValueView::kString) {
          process->service_name.assign(v.bytes);
        } else {
          // Rare: render the value as otlp_value_as_string does (via the protobuf value).
          otlp_common::AnyValue parsed;
          if (kv.has_value) parsed = parse_any_value(kv.value, kResourceValueDepth);
          process->service_name = otlp_value_as_string(parsed);
        }
        continue;
      }
      write_attribute(process->tags.emplace_back(), kv, kResourceValueDepth);
    }
  }
  if (process->service_name.empty()) process->service_name = kNoServiceName;
  return process;
}

// Scope (name 1, version 2, attributes 3) → the tags every span of the ScopeSpans carries (scope_tags).
model::KeyValues scope_tags(std::string_view scope) {
  model::KeyValues tags;
  std::string_view name;
  std::string_view version;
  WireReader r(scope);
  while (!r.done()) {
    const Field f = r.field();
    if (is(f, 1, kLengthDelimited)) {
      name = r.length_delimited();
    } else if (is(f, 2, kLengthDelimited)) {
      version = r.length_delimited();
    } else {
      r.skip(f.wire_type);
    }
  }
  KeyValuesWriter out(tags);
  write_attributes(scope, 3, kSpanValueDepth, out);
  out.finish();
  if (!name.empty()) tags.push_back(model::KeyValue::String("otel.scope.name", std::string(name)));
  if (!version.empty()) tags.push_back(model::KeyValue::String("otel.scope.version", std::string(version)));
  return tags;
}

// ---- spans ----------------------------------------------------------------------------------------------------

struct SpanFields {
  std::string_view trace_id;
  std::string_view span_id;
  std::string_view trace_state;
  std::string_view parent_span_id;
  std::string_view name;
  int kind = 0;
  uint64_t start = 0;
  uint64_t end = 0;
  uint32_t dropped_attributes = 0;
  uint32_t dropped_events = 0;
  uint32_t dropped_links = 0;
  bool has_status = false;
  std::string_view status;
  // Repeated fields, in wire order (reused buffers).
  std::vector<std::string_view> attributes;
  std::vector<std::string_view> events;
  std::vector<std::string_view> links;

  // Back to a default SpanFields, keeping the vectors' capacity.
  void reset() {
    std::vector<std::string_view> a = std::move(attributes);
    std::vector<std::string_view> e = std::move(events);
    std::vector<std::string_view> l = std::move(links);
    *this = SpanFields{};
    a.clear();
    e.clear();
    l.clear();
    attributes = std::move(a);
    events = std::move(e);
    links = std::move(l);
  }
};

void read_span(std::string_view bytes, SpanFields& s) {
  s.reset();
  WireReader r(bytes);
  while (!r.done()) {
    const Field f = r.field();
    switch (f.number) {
      case 1:
        if (f.wire_type != kLengthDelimited) break;
        s.trace_id = r.length_delimited();
        continue;
      case 2:
        if (f.wire_type != kLengthDelimited) break;
        s.span_id = r.length_delimited();
        continue;
      case 3:
        if (f.wire_type != kLengthDelimited) break;
        s.trace_state = r.length_delimited();
        continue;
      case 4:
        if (f.wire_type != kLengthDelimited) break;
        s.parent_span_id = r.length_delimited();
        continue;
      case 5:
        if (f.wire_type != kLengthDelimited) break;
        s.name = r.length_delimited();
        continue;
      case 6:
        if (f.wire_type != kVarint) break;
        read_enum(r, 5, s.kind);  // SPAN_KIND_UNSPECIFIED .. SPAN_KIND_CONSUMER
        continue;
      case 7:
        if (f.wire_type != kFixed64) break;
        s.start = r.fixed64();
        continue;
      case 8:
        if (f.wire_type != kFixed64) break;
        s.end = r.fixed64();
        continue;
      case 9:
        if (f.wire_type != kLengthDelimited) break;
        s.attributes.push_back(r.length_delimited());
        continue;
      case 10:
        if (f.wire_type != kVarint) break;
        s.dropped_attributes = static_cast<uint32_t>(r.varint());
        continue;
      case 11:
        if (f.wire_type != kLengthDelimited) break;
        s.events.push_back(r.length_delimited());
        continue;
      case 12:
        if (f.wire_type != kVarint) break;
        s.dropped_events = static_cast<uint32_t>(r.varint());
        continue;
      case 13:
        if (f.wire_type != kLengthDelimited) break;
        s.links.push_back(r.length_delimited());
        continue;
      case 14:
        if (f.wire_type != kVarint) break;
        s.dropped_links = static_cast<uint32_t>(r.varint());
        continue;
      case 15:
        if (f.wire_type != kLengthDelimited) break;
        if (s.has_status) decline();  // protobuf would merge both occurrences
        s.status = r.length_delimited();
        s.has_status = true;
        continue;
      default:
        break;
    }
    r.skip(f.wire_type);  // unknown field, or a known one with another wire type (protobuf: unknown field)
  }
}

// check_span_ids of otlp_to_model; an invalid span makes the reference path word the error.
void check_span_ids(const SpanFields& s) {
  if (s.trace_id.size() != 16 || all_zero(s.trace_id)) decline();
  if (s.span_id.size() != 8 || all_zero(s.span_id)) decline();
  if (!s.parent_span_id.empty() && s.parent_span_id.size() != 8) decline();
}

const char* span_kind_name(int kind) {
  switch (kind) {
    case 1:
      return "internal";
    case 2:
      return "server";
    case 3:
      return "client";
    case 4:
      return "producer";
    case 5:
      return "consumer";
    default:
      return nullptr;
  }
}

void write_status_tags(std::string_view status, KeyValuesWriter& tags) {
  std::string_view message;
  int code = 0;
  WireReader r(status);
  while (!r.done()) {
    const Field f = r.field();
    if (is(f, 2, kLengthDelimited)) {
      message = r.length_delimited();
    } else if (is(f, 3, kVarint)) {
      read_enum(r, 2, code);  // STATUS_CODE_UNSET .. STATUS_CODE_ERROR
    } else {
      r.skip(f.wire_type);
    }
  }
  if (code == 1 || code == 2) {
    model::KeyValue& kv = tags.next();
    overwrite(kv.key, "otel.status_code");
    set_string(kv, code == 1 ? "OK" : "ERROR");
  }
  if (code == 2) {
    model::KeyValue& kv = tags.next();
    overwrite(kv.key, "error");
    set_bool(kv, true);
  }
  if (!message.empty()) {
    model::KeyValue& kv = tags.next();
    overwrite(kv.key, "otel.status_description");
    set_string(kv, message);
  }
}

// Links → references (after the parent) and their remaining attributes → "otel.link.<i>.<key>" tags
// (append_references).
void write_links(const SpanFields& s, model::Span& out, KeyValuesWriter& tags) {
  for (size_t i = 0; i < s.links.size(); ++i) {
    std::string_view trace_id;
    std::string_view span_id;
    WireReader r(s.links[i]);
    while (!r.done()) {
      const Field f = r.field();
      if (is(f, 1, kLengthDelimited)) {
        trace_id = r.length_delimited();
      } else if (is(f, 2, kLengthDelimited)) {
        span_id = r.length_delimited();
      } else {
        r.skip(f.wire_type);
      }
    }
    if (trace_id.size() != 16 || span_id.size() != 8) decline();
    model::SpanRef ref{model::TraceID::from_bytes(as_bytes(trace_id)), model::span_id_from_bytes(as_bytes(span_id)),
                       model::RefType::FollowsFrom};
    std::string tag_prefix;
    WireReader attrs(s.links[i]);
    while (!attrs.done()) {
      const Field f = attrs.field();
      if (!is(f, 4, kLengthDelimited)) {
        attrs.skip(f.wire_type);
        continue;
      }
      const KeyValueView kv = read_key_value(attrs.length_delimited());
      if (kv.key == kRefTypeKey) {
        std::string storage;
        const std::string_view ref_type = string_value_of(kv, kEventValueDepth, storage);
        if (ref_type == kRefTypeChildOf) {
          ref.type = model::RefType::ChildOf;
          continue;
        }
        if (ref_type == kRefTypeFollowsFrom) continue;
      }
      if (tag_prefix.empty()) tag_prefix = "otel.link." + std::to_string(i) + ".";
      model::KeyValue& tag = tags.next();
      tag.key.assign(tag_prefix);
      tag.key.append(kv.key);
      write_value(tag, kv, kEventValueDepth);
    }
    out.references.push_back(ref);
  }
}

// Events → logs: timestamp (µs), field event=<name> when non-empty, then the attributes (append_logs).
void write_logs(const SpanFields& s, model::Span& out) {
  size_t n = 0;
  for (std::string_view event : s.events) {
    uint64_t time = 0;
    std::string_view name;
    bool has_attributes = false;
    WireReader r(event);
    while (!r.done()) {
      const Field f = r.field();
      if (is(f, 1, kFixed64)) {
        time = r.fixed64();
      } else if (is(f, 2, kLengthDelimited)) {
        name = r.length_delimited();
      } else if (is(f, 3, kLengthDelimited)) {
        r.length_delimited();
        has_attributes = true;
      } else {
        r.skip(f.wire_type);
      }
    }
    model::Log& log = element(out.logs, n++);
    log.timestamp_us = static_cast<int64_t>(time / 1000);
    KeyValuesWriter fields(log.fields);
    if (!name.empty()) {
      model::KeyValue& kv = fields.next();
      overwrite(kv.key, "event");
      set_string(kv, name);
    }
    if (has_attributes) write_attributes(event, 3, kEventValueDepth, fields);
    fields.finish();
  }
  truncate(out.logs, n);
}

// Overwrites `out` with the conversion of the span (convert_span of otlp_to_model).
void write_span(const SpanFields& s, const model::KeyValues& shared_scope_tags, const model::ProcessPtr& process,
                model::Span& out) {
  out.trace_id = model::TraceID::from_bytes(as_bytes(s.trace_id));
  out.span_id = model::span_id_from_bytes(as_bytes(s.span_id));
  overwrite(out.operation_name, s.name);
  out.flags = kSampledFlag;
  out.start_time_us = static_cast<int64_t>(s.start / 1000);
  out.duration_us = s.end > s.start ? static_cast<int64_t>((s.end - s.start) / 1000) : 0;
  out.process = process;
  out.warnings.clear();

  // attributes, scope tags, kind, status (≤3), tracestate, dropped counts (≤3), then link attributes
  KeyValuesWriter tags(out.tags);
  for (std::string_view attribute : s.attributes) write_attribute(tags.next(), read_key_value(attribute), kSpanValueDepth);
  for (const model::KeyValue& scope_tag : shared_scope_tags) copy_into(tags.next(), scope_tag);
  if (const char* kind = span_kind_name(s.kind)) {
    model::KeyValue& kv = tags.next();
    overwrite(kv.key, "span.kind");
    set_string(kv, kind);
  }
  if (s.has_status) write_status_tags(s.status, tags);
  if (!s.trace_state.empty()) {
    model::KeyValue& kv = tags.next();
    overwrite(kv.key, "w3c.tracestate");
    set_string(kv, s.trace_state);
  }
  const std::pair<const char*, uint32_t> dropped[] = {{"otel.dropped_attributes_count", s.dropped_attributes},
                                                       {"otel.dropped_events_count", s.dropped_events},
                                                       {"otel.dropped_links_count", s.dropped_links}};
  for (const auto& [key, count] : dropped) {
    if (count == 0) continue;
    model::KeyValue& kv = tags.next();
    overwrite(kv.key, key);
    set_int(kv, count);
  }

  out.references.clear();
  const bool has_parent = s.parent_span_id.size() == 8 && !all_zero(s.parent_span_id);
  if (has_parent) {
    out.references.push_back(
        model::SpanRef{out.trace_id, model::span_id_from_bytes(as_bytes(s.parent_span_id)), model::RefType::ChildOf});
  }
  write_links(s, out, tags);
  tags.finish();
  write_logs(s, out);
}

// ---- request --------------------------------------------------------------------------------------------------

// ScopeSpans (scope 1, spans 2) → spans written to batch[written...].
void convert_scope_spans(std::string_view bytes, const model::ProcessPtr& process, SpanFields& span_fields,
                         model::SpanBatch& batch, size_t& written) {
  std::string_view scope;
  bool has_scope = false;
  WireReader r(bytes);
  while (!r.done()) {
    const Field f = r.field();
    if (is(f, 1, kLengthDelimited)) {
      if (has_scope) decline();  // protobuf would merge both occurrences
      scope = r.length_delimited();
      has_scope = true;
    } else {
      r.skip(f.wire_type);
    }
  }
  const model::KeyValues shared_scope_tags = has_scope ? scope_tags(scope) : model::KeyValues{};
  WireReader spans(bytes);
  while (!spans.done()) {
    const Field f = spans.field();
    if (!is(f, 2, kLengthDelimited)) {
      spans.skip(f.wire_type);
      continue;
    }
    read_span(spans.length_delimited(), span_fields);
    check_span_ids(span_fields);
    write_span(span_fields, shared_scope_tags, process, element(batch, written++));
  }
}

// ResourceSpans (resource 1, scope_spans 2) → spans written to batch[written...].
void convert_resource_spans(std::string_view bytes, SpanFields& span_fields, model::SpanBatch& batch,
                            size_t& written) {
  std::string_view resource;
  bool has_resource = false;
  bool has_scope_spans = false;
  WireReader r(bytes);
  while (!r.done()) {
    const Field f = r.field();
    if (is(f, 1, kLengthDelimited)) {
      if (has_resource) decline();  // protobuf would merge both occurrences
      resource = r.length_delimited();
      has_resource = true;
    } else if (is(f, 2, kLengthDelimited)) {
      r.length_delimited();
      has_scope_spans = true;
    } else {
      r.skip(f.wire_type);
    }
  }
  if (!has_scope_spans) return;
  const model::ProcessPtr process = make_process(resource, has_resource);
  WireReader scopes(bytes);
  while (!scopes.done()) {
    const Field f = scopes.field();
    if (is(f, 2, kLengthDelimited)) {
      convert_scope_spans(scopes.length_delimited(), process, span_fields, batch, written);
    } else {
      scopes.skip(f.wire_type);
    }
  }
}

// Number of spans (ResourceSpans field 2 → ScopeSpans field 2 → spans), for sizing the batch exactly.
size_t count_spans(std::string_view request) {
  size_t n = 0;
  WireReader r(request);
  while (!r.done()) {
    const Field f = r.field();
    if (!is(f, 1, kLengthDelimited)) {
      r.skip(f.wire_type);
      continue;
    }
    WireReader resource_spans(r.length_delimited());
    while (!resource_spans.done()) {
      const Field g = resource_spans.field();
      if (!is(g, 2, kLengthDelimited)) {
        resource_spans.skip(g.wire_type);
        continue;
      }
      WireReader scope_spans(resource_spans.length_delimited());
      while (!scope_spans.done()) {
        const Field h = scope_spans.field();
        if (is(h, 2, kLengthDelimited)) ++n;
        scope_spans.skip(h.wire_type);
      }
    }
  }
  return n;
}

}  // namespace

OtlpWireResult otlp_wire_to_model(std::string_view request_bytes, model::SpanBatch&& reuse) {
  OtlpWireResult result;
  result.batch = std::move(reuse);
  thread_local SpanFields span_fields;
  try {
    const size_t spans = count_spans(request_bytes);
    truncate(result.batch, spans);
    result.batch.reserve(spans);
    size_t written = 0;
    WireReader r(request_bytes);
    while (!r.done()) {
      const Field f = r.field();
      if (is(f, 1, kLengthDelimited)) {
        convert_resource_spans(r.length_delimited(), span_fields, result.batch, written);
      } else {
        r.skip(f.wire_type);
      }
    }
    truncate(result.batch, written);
    result.converted = true;
  } catch (const UseReferencePath&) {
    result.batch.clear();
  }
  return result;
}

}  // namespace peregrine::convert
