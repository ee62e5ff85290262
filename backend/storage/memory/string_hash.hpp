// The memory store's string hash and equality, tuned for the short strings spans are made of (tag keys, operation
// names, enum-like values). Hash: strings up to 16 bytes cost two loads and one 64×64→128-bit multiply; longer
// ones fold 16 bytes per step. Used for the symbol tables' index and the search Bloom terms, both in process memory
// only (never persisted), so the exact function may change between versions. Equality: inline word compares up to
// 64 bytes (a memcmp call costs more than the comparison itself there).
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>

namespace peregrine::storage::memory {

namespace hash_detail {

inline uint64_t load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline uint64_t load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// Full 128-bit product of a and b, high half xor low half.
inline uint64_t fold_multiply(uint64_t a, uint64_t b) {
  const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

inline constexpr uint64_t kSeed = 0x9E3779B97F4A7C15ULL;   // 2^64 / golden ratio
inline constexpr uint64_t kLeft = 0xBF58476D1CE4E5B9ULL;   // odd mixing constants
inline constexpr uint64_t kRight = 0x94D049BB133111EBULL;

}  // namespace hash_detail

inline uint64_t string_hash(std::string_view s) {
  using namespace hash_detail;
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = kSeed ^ (static_cast<uint64_t>(n) * kRight);
  while (n > 16) {
    h = fold_multiply(load64(p) ^ kLeft, load64(p + 8) ^ h);
    p += 16;
    n -= 16;
  }
  // 0..16 bytes remain; overlapping loads cover them without a byte loop.
  uint64_t a = 0;
  uint64_t b = 0;
  if (n >= 8) {
    a = load64(p);
    b = load64(p + n - 8);
  } else if (n >= 4) {
    a = load32(p);
    b = load32(p + n - 4);
  } else if (n > 0) {
    a = (static_cast<uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
        (static_cast<uint64_t>(static_cast<unsigned char>(p[n >> 1])) << 8) |
        static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1]));
  }
  return fold_multiply(a ^ kLeft, b ^ h ^ kRight);
}

inline bool same_text(std::string_view a, std::string_view b) {
  using namespace hash_detail;
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n > 64) return std::memcmp(p, q, n) == 0;
  if (n >= 8) {
    uint64_t diff = load64(p + n - 8) ^ load64(q + n - 8);
    for (size_t i = 0; i + 8 <= n; i += 8) diff |= load64(p + i) ^ load64(q + i);
    return diff == 0;
  }
  if (n >= 4) return ((load32(p) ^ load32(q)) | (load32(p + n - 4) ^ load32(q + n - 4))) == 0;
  for (size_t i = 0; i < n; ++i) {
    if (p[i] != q[i]) return false;
  }
  return true;
}

}  // namespace peregrine::storage::memory
