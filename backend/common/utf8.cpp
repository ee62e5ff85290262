// UTF-8 validation/repair: the sequence-by-sequence scan behind is_valid_utf8's ASCII fast path (which skips
// ASCII runs 8 bytes at a time), and the repair.
#include "backend/common/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace peregrine::common {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 if the bytes there are invalid.
size_t valid_sequence_length(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n = s.size() - i;
  auto cont = [&](size_t k) { return (byte(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return n >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    unsigned char c1 = byte(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return 0;  // > U+10FFFF
    return 4;
  }
  return 0;
}

// Index of the first non-ASCII byte at or after i.
size_t skip_ascii(std::string_view s, size_t i) {
  while (i + 8 <= s.size()) {
    uint64_t chunk;
    std::memcpy(&chunk, s.data() + i, 8);
    if (chunk & 0x8080808080808080ULL) break;
    i += 8;
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

}  // namespace

namespace utf8_detail {

bool is_valid_utf8_sequences(std::string_view s) {
  size_t i = 0;
  for (;;) {
    i = skip_ascii(s, i);
    if (i >= s.size()) return true;
    size_t len = valid_sequence_length(s, i);
    if (len == 0) return false;
    i += len;
  }
}

}  // namespace utf8_detail

std::string to_valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  size_t i = 0;
  bool in_invalid_run = false;
  while (i < s.size()) {
    size_t len = valid_sequence_length(s, i);
    if (len == 0) {
      if (!in_invalid_run) out += "\xEF\xBF\xBD";
      in_invalid_run = true;
      ++i;
      continue;
    }
    in_invalid_run = false;
    out.append(s.data() + i, len);
    i += len;
  }
  return out;
}

}  // namespace peregrine::common
