// Hex and byte conversions for TraceID / SpanID.
#include "backend/model/ids.hpp"

namespace peregrine::model {
namespace {
constexpr char kHex[] = "0123456789abcdef";

void put_hex64(uint64_t v, char* out) {
  for (int i = 15; i >= 0; --i) {
    out[i] = kHex[v & 0xF];
    v >>= 4;
  }
}

int hex_val(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<uint64_t> parse_hex64(std::string_view s) {
  if (s.empty() || s.size() > 16) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    int d = hex_val(c);
    if (d < 0) return std::nullopt;
    v = (v << 4) | static_cast<uint64_t>(d);
  }
  return v;
}
}  // namespace

std::string TraceID::to_hex() const {
  if (high == 0) {
    std::string s(16, '0');
    put_hex64(low, s.data());
    return s;
  }
  return to_hex32();
}

std::string TraceID::to_hex32() const {
  std::string s(32, '0');
  put_hex64(high, s.data());
  put_hex64(low, s.data() + 16);
  return s;
}

std::optional<TraceID> TraceID::from_hex(std::string_view s) {
  if (s.empty() || s.size() > 32) return std::nullopt;
  TraceID t;
  if (s.size() > 16) {
    auto hi = parse_hex64(s.substr(0, s.size() - 16));
    auto lo = parse_hex64(s.substr(s.size() - 16));
    if (!hi || !lo) return std::nullopt;
    t.high = *hi;
    t.low = *lo;
  } else {
    auto lo = parse_hex64(s);
    if (!lo) return std::nullopt;
    t.low = *lo;
  }
  return t;
}

static uint64_t be64(const unsigned char* b) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | b[i];
  return v;
}
static void put_be64(uint64_t v, unsigned char* out) {
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<unsigned char>(v & 0xFF);
    v >>= 8;
  }
}

TraceID TraceID::from_bytes(const unsigned char* b16) { return TraceID{be64(b16), be64(b16 + 8)}; }
void TraceID::to_bytes(unsigned char* out16) const {
  put_be64(high, out16);
  put_be64(low, out16 + 8);
}

std::string span_id_to_hex(SpanID id) {
  std::string s(16, '0');
  put_hex64(id, s.data());
  return s;
}
std::optional<SpanID> span_id_from_hex(std::string_view s) { return parse_hex64(s); }
SpanID span_id_from_bytes(const unsigned char* b8) { return be64(b8); }
void span_id_to_bytes(SpanID id, unsigned char* out8) { put_be64(id, out8); }

}  // namespace peregrine::model
