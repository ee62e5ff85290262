// Binary and compact Thrift protocol reading with strict bounds (see thrift_reader.hpp).
#include "backend/convert/jaeger/thrift_reader.hpp"

#include <cstring>

namespace peregrine::convert::thrift {
namespace {

// Compact protocol type nibbles.
constexpr uint8_t kCtStop = 0, kCtTrue = 1, kCtFalse = 2, kCtByte = 3, kCtI16 = 4, kCtI32 = 5, kCtI64 = 6,
                  kCtDouble = 7, kCtBinary = 8, kCtList = 9, kCtSet = 10, kCtMap = 11, kCtStruct = 12;

// The fewest bytes one element of `t` can occupy on the wire.
size_t min_size(Protocol p, TType t) {
  if (p == Protocol::Binary) {
    switch (t) {
      case TType::Bool:
      case TType::Byte:
      case TType::Struct: return 1;
      case TType::I16: return 2;
      case TType::I32: return 4;
      case TType::I64:
      case TType::Double: return 8;
      case TType::String: return 4;
      case TType::List:
      case TType::Set: return 5;
      case TType::Map: return 4;
      default: return 1;
    }
  }
  return t == TType::Double ? 8 : 1;
}

int64_t zigzag_decode(uint64_t n) { return static_cast<int64_t>(n >> 1) ^ -static_cast<int64_t>(n & 1); }

bool valid_ttype(uint8_t t) {
  switch (static_cast<TType>(t)) {
    case TType::Bool:
    case TType::Byte:
    case TType::Double:
    case TType::I16:
    case TType::I32:
    case TType::I64:
    case TType::String:
    case TType::Struct:
    case TType::Map:
    case TType::Set:
    case TType::List: return true;
    default: return false;
  }
}

}  // namespace

const char* protocol_name(Protocol p) { return p == Protocol::Binary ? "binary" : "compact"; }

uint8_t ThriftReader::next_byte() {
  if (pos_ >= data_.size()) throw ThriftDecodeError("unexpected end of Thrift payload");
  return static_cast<uint8_t>(data_[pos_++]);
}

std::string_view ThriftReader::take(size_t n) {
  if (n > remaining()) throw ThriftDecodeError("Thrift length exceeds the remaining payload");
  std::string_view out = data_.substr(pos_, n);
  pos_ += n;
  return out;
}

uint64_t ThriftReader::read_varint() {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    uint8_t b = next_byte();
    result |= static_cast<uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return result;
  }
  throw ThriftDecodeError("malformed varint");
}

void ThriftReader::enter() {
  if (++depth_ > kMaxDepth) throw ThriftDecodeError("Thrift nesting too deep");
}

void ThriftReader::check_elements(uint32_t count, TType elem_type) const {
  if (static_cast<uint64_t>(count) * min_size(protocol_, elem_type) > remaining())
    throw ThriftDecodeError("Thrift container size exceeds the remaining payload");
}

TType ThriftReader::compact_to_ttype(uint8_t ct) const {
  switch (ct) {
    case kCtTrue:
    case kCtFalse: return TType::Bool;
    case kCtByte: return TType::Byte;
    case kCtI16: return TType::I16;
    case kCtI32: return TType::I32;
    case kCtI64: return TType::I64;
    case kCtDouble: return TType::Double;
    case kCtBinary: return TType::String;
    case kCtList: return TType::List;
    case kCtSet: return TType::Set;
    case kCtMap: return TType::Map;
    case kCtStruct: return TType::Struct;
    default: throw ThriftDecodeError("invalid compact type " + std::to_string(ct));
  }
}

MessageHeader ThriftReader::read_message_begin() {
  MessageHeader h;
  if (protocol_ == Protocol::Compact) {
    if (next_byte() != 0x82) throw ThriftDecodeError("bad compact protocol id");
    uint8_t version_and_type = next_byte();
    if ((version_and_type & 0x1f) != 1) throw ThriftDecodeError("bad compact protocol version");
    uint8_t type = (version_and_type >> 5) & 0x07;
    if (type < 1 || type > 4) throw ThriftDecodeError("bad message type");
    h.type = static_cast<MessageType>(type);
    h.seq_id = static_cast<int32_t>(read_varint());
    h.name = read_string();
    return h;
  }
  int32_t first = read_i32();
  if (first < 0) {
    if ((static_cast<uint32_t>(first) & 0xffff0000u) != 0x80010000u) throw ThriftDecodeError("bad binary version");
    uint8_t type = static_cast<uint8_t>(first & 0xff);
    if (type < 1 || type > 4) throw ThriftDecodeError("bad message type");
    h.type = static_cast<MessageType>(type);
    h.name = read_string();
    h.seq_id = read_i32();
  } else {
    // Old non-strict form: name length already read.
    h.name = std::string(take(static_cast<uint32_t>(first)));
    uint8_t type = next_byte();
    if (type < 1 || type > 4) throw ThriftDecodeError("bad message type");
    h.type = static_cast<MessageType>(type);
    h.seq_id = read_i32();
  }
  return h;
}

void ThriftReader::read_struct_begin() {
  enter();
  if (protocol_ == Protocol::Compact) {
    last_field_ids_.push_back(last_field_id_);
    last_field_id_ = 0;
  }
}

void ThriftReader::read_struct_end() {
  leave();
  if (protocol_ == Protocol::Compact && !last_field_ids_.empty()) {
    last_field_id_ = last_field_ids_.back();
    last_field_ids_.pop_back();
  }
}

bool ThriftReader::read_field_begin(FieldHeader& field) {
  if (protocol_ == Protocol::Binary) {
    uint8_t type = next_byte();
    if (type == 0) return false;
    if (!valid_ttype(type)) throw ThriftDecodeError("invalid field type " + std::to_string(type));
    field.type = static_cast<TType>(type);
    field.id = read_i16();
    return true;
  }
  uint8_t b = next_byte();
  uint8_t ct = b & 0x0f;
  if (ct == kCtStop) return false;
  uint8_t delta = b >> 4;
  int16_t id;
  if (delta != 0) {
    id = static_cast<int16_t>(last_field_id_ + delta);
  } else {
    id = read_i16();
  }
  field.type = compact_to_ttype(ct);
  field.id = id;
  last_field_id_ = id;
  if (ct == kCtTrue || ct == kCtFalse) pending_bool_ = ct == kCtTrue ? 1 : 0;
  return true;
}

ListHeader ThriftReader::read_list_begin() {
  ListHeader h;
  if (protocol_ == Protocol::Binary) {
    uint8_t t = next_byte();
    int32_t size = read_i32();
    if (size < 0) throw ThriftDecodeError("negative container size");
    if (!valid_ttype(t)) throw ThriftDecodeError("invalid element type");
    h.elem_type = static_cast<TType>(t);
    h.size = static_cast<uint32_t>(size);
  } else {
    uint8_t b = next_byte();
    uint64_t size = b >> 4;
    if (size == 15) size = read_varint();
    if (size > 0x7fffffff) throw ThriftDecodeError("container too large");
    h.elem_type = compact_to_ttype(b & 0x0f);
    h.size = static_cast<uint32_t>(size);
  }
  check_elements(h.size, h.elem_type);
  return h;
}

bool ThriftReader::read_bool() {
  if (protocol_ == Protocol::Compact) {
    if (pending_bool_ >= 0) {
      bool v = pending_bool_ == 1;
      pending_bool_ = -1;
      return v;
    }
    return next_byte() == kCtTrue;
  }
  return next_byte() != 0;
}

int8_t ThriftReader::read_byte() { return static_cast<int8_t>(next_byte()); }

int16_t ThriftReader::read_i16() {
  if (protocol_ == Protocol::Compact) return static_cast<int16_t>(zigzag_decode(read_varint()));
  std::string_view b = take(2);
  return static_cast<int16_t>((static_cast<uint8_t>(b[0]) << 8) | static_cast<uint8_t>(b[1]));
}

int32_t ThriftReader::read_i32() {
  if (protocol_ == Protocol::Compact) return static_cast<int32_t>(zigzag_decode(read_varint()));
  std::string_view b = take(4);
  uint32_t v = 0;
  for (char c : b) v = (v << 8) | static_cast<uint8_t>(c);
  return static_cast<int32_t>(v);
}

int64_t ThriftReader::read_i64() {
  if (protocol_ == Protocol::Compact) return zigzag_decode(read_varint());
  std::string_view b = take(8);
  uint64_t v = 0;
  for (char c : b) v = (v << 8) | static_cast<uint8_t>(c);
  return static_cast<int64_t>(v);
}

double ThriftReader::read_double() {
  std::string_view b = take(8);
  uint64_t bits = 0;
  if (protocol_ == Protocol::Compact) {
    for (int i = 7; i >= 0; --i) bits = (bits << 8) | static_cast<uint8_t>(b[i]);  // little-endian
  } else {
    for (char c : b) bits = (bits << 8) | static_cast<uint8_t>(c);  // big-endian
  }
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

std::string ThriftReader::read_string() {
  uint64_t len;
  if (protocol_ == Protocol::Compact) {
    len = read_varint();
  } else {
    int32_t n = read_i32();
    if (n < 0) throw ThriftDecodeError("negative string length");
    len = static_cast<uint64_t>(n);
  }
  if (len > remaining()) throw ThriftDecodeError("Thrift string length exceeds the remaining payload");
  return std::string(take(static_cast<size_t>(len)));
}

void ThriftReader::skip(TType type) {
  switch (type) {
    case TType::Bool: read_bool(); return;
    case TType::Byte: read_byte(); return;
    case TType::I16: read_i16(); return;
    case TType::I32: read_i32(); return;
    case TType::I64: read_i64(); return;
    case TType::Double: take(8); return;
    case TType::String: {
      uint64_t len = protocol_ == Protocol::Compact ? read_varint() : static_cast<uint32_t>(read_i32());
      if (len > remaining()) throw ThriftDecodeError("Thrift string length exceeds the remaining payload");
      take(static_cast<size_t>(len));
      return;
    }
    case TType::Struct: {
      read_struct_begin();
      FieldHeader f;
      while (read_field_begin(f)) skip(f.type);
      read_struct_end();
      return;
    }
    case TType::List:
    case TType::Set: {
      enter();
      ListHeader h = read_list_begin();
      for (uint32_t i = 0; i < h.size; ++i) skip(h.elem_type);
      leave();
      return;
    }
    case TType::Map: {
      enter();
      uint32_t size;
      TType kt, vt;
      if (protocol_ == Protocol::Binary) {
        uint8_t k = next_byte(), v = next_byte();
        int32_t n = read_i32();
        if (n < 0 || !valid_ttype(k) || !valid_ttype(v)) throw ThriftDecodeError("bad map header");
        kt = static_cast<TType>(k);
        vt = static_cast<TType>(v);
        size = static_cast<uint32_t>(n);
      } else {
        uint64_t n = read_varint();
        if (n > 0x7fffffff) throw ThriftDecodeError("map too large");
        size = static_cast<uint32_t>(n);
        kt = vt = TType::Byte;
        if (size > 0) {
          uint8_t kv = next_byte();
          kt = compact_to_ttype(kv >> 4);
          vt = compact_to_ttype(kv & 0x0f);
        }
      }
      if (static_cast<uint64_t>(size) * (min_size(protocol_, kt) + min_size(protocol_, vt)) > remaining())
        throw ThriftDecodeError("Thrift map size exceeds the remaining payload");
      for (uint32_t i = 0; i < size; ++i) {
        skip(kt);
        skip(vt);
      }
      leave();
      return;
    }
    default: throw ThriftDecodeError("cannot skip Thrift type " + std::to_string(static_cast<int>(type)));
  }
}

}  // namespace peregrine::convert::thrift
