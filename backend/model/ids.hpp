// Trace and span identifiers: 128-bit TraceID, 64-bit SpanID, with Jaeger's hex text forms.
#pragma once
#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace peregrine::model {

struct TraceID {
  uint64_t high = 0;
  uint64_t low = 0;

  auto operator<=>(const TraceID&) const = default;
  bool is_zero() const { return high == 0 && low == 0; }

  // Jaeger's form: 16 hex digits when high == 0, else 32 (zero-padded).
  std::string to_hex() const;
  // Always 32 hex digits (OTLP / api_v3 form).
  std::string to_hex32() const;
  // Accepts 1..32 hex digits (shorter strings are left-padded with zeros). Rejects anything else.
  static std::optional<TraceID> from_hex(std::string_view s);
  // From 16 big-endian bytes (OTLP wire form).
  static TraceID from_bytes(const unsigned char* b16);
  void to_bytes(unsigned char* out16) const;
};

using SpanID = uint64_t;

// 16 hex digits, zero-padded.
std::string span_id_to_hex(SpanID id);
// Accepts 1..16 hex digits.
std::optional<SpanID> span_id_from_hex(std::string_view s);
SpanID span_id_from_bytes(const unsigned char* b8);
void span_id_to_bytes(SpanID id, unsigned char* out8);

struct TraceIDHash {
  size_t operator()(const TraceID& t) const noexcept {
    return std::hash<uint64_t>{}(t.low * 0x9E3779B97F4A7C15ULL ^ t.high);
  }
};

}  // namespace peregrine::model
