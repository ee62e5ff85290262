// UTF-8 validation and repair (invalid byte runs → U+FFFD, like Go's strings.ToValidUTF8).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace peregrine::common {

namespace utf8_detail {

inline uint64_t load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline uint32_t load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// True when every byte is < 0x80. Branch-light for the short strings tags are made of: lengths 4..7 are covered
// by two overlapping 4-byte loads, lengths >= 8 by 8-byte words plus one overlapping word for the tail. Reads
// only bytes inside [p, p + n).
inline bool all_ascii(const char* p, size_t n) {
  constexpr uint64_t kHigh64 = 0x8080808080808080ULL;
  if (n >= 8) {
    uint64_t acc = load64(p + n - 8);
    size_t i = 0;
    for (; i + 32 <= n; i += 32) acc |= load64(p + i) | load64(p + i + 8) | load64(p + i + 16) | load64(p + i + 24);
    for (; i + 8 <= n; i += 8) acc |= load64(p + i);
    return (acc & kHigh64) == 0;
  }
  if (n >= 4) return ((load32(p) | load32(p + n - 4)) & 0x80808080u) == 0;
  unsigned acc = 0;
  for (size_t i = 0; i < n; ++i) acc |= static_cast<unsigned char>(p[i]);
  return (acc & 0x80u) == 0;
}

// Full validation, sequence by sequence.
bool is_valid_utf8_sequences(std::string_view s);

}  // namespace utf8_detail

// Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). Inline ASCII fast path: nearly every tag
// key and value is ASCII, and the check is then a few word loads.
inline bool is_valid_utf8(std::string_view s) {
  return utf8_detail::all_ascii(s.data(), s.size()) || utf8_detail::is_valid_utf8_sequences(s);
}
// Copy of s with each maximal run of invalid bytes replaced by one U+FFFD.
std::string to_valid_utf8(std::string_view s);

}  // namespace peregrine::common
