// Content hash for document ids (see document_id.hpp). Four independent 64-bit accumulators consume 32-byte
// stripes (multiply / rotate / multiply rounds, so the CPU overlaps them), the tail is folded in word by word,
// and two differently seeded finalizations of the accumulators give the two 64-bit halves.
#include "backend/storage/elasticsearch/document_id.hpp"

#include <cstring>

namespace peregrine::storage::elasticsearch {

namespace {

constexpr uint64_t kP1 = 0x9E3779B185EBCA87ULL;
constexpr uint64_t kP2 = 0xC2B2AE3D27D4EB4FULL;
constexpr uint64_t kP3 = 0x165667B19E3779F9ULL;
constexpr uint64_t kM1 = 0xBF58476D1CE4E5B9ULL;
constexpr uint64_t kM2 = 0x94D049BB133111EBULL;

inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

inline uint64_t load64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

inline uint64_t round(uint64_t acc, uint64_t word) { return rotl(acc + word * kP2, 31) * kP1; }

inline uint64_t avalanche(uint64_t x) {
  x ^= x >> 30;
  x *= kM1;
  x ^= x >> 27;
  x *= kM2;
  x ^= x >> 31;
  return x;
}

}  // namespace

Hash128 hash128(std::string_view data) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const size_t n = data.size();
  uint64_t a1 = 0x243F6A8885A308D3ULL, a2 = 0x13198A2E03707344ULL, a3 = 0xA4093822299F31D0ULL,
           a4 = 0x082EFA98EC4E6C89ULL;
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    a1 = round(a1, load64(p + i));
    a2 = round(a2, load64(p + i + 8));
    a3 = round(a3, load64(p + i + 16));
    a4 = round(a4, load64(p + i + 24));
  }
  uint64_t tail = n * kP3;
  for (; i + 8 <= n; i += 8) tail = rotl(tail ^ round(0, load64(p + i)), 27) * kP1 + kP3;
  uint64_t last = 0;
  for (size_t k = 0; i + k < n; ++k) last |= static_cast<uint64_t>(p[i + k]) << (8 * k);
  tail = avalanche(tail ^ (last * kP2));
  Hash128 h;
  h.hi = avalanche(rotl(a1, 1) + rotl(a2, 7) + rotl(a3, 12) + rotl(a4, 18) + tail);
  h.lo = avalanche((a1 * kP1) ^ rotl(a2 * kP2, 17) ^ rotl(a3 * kP3, 29) ^ rotl(a4 * kM1, 41) ^ (tail * kM2) ^ n);
  return h;
}

void write_document_id(std::string_view document, char* out32) {
  static constexpr char hex[] = "0123456789abcdef";
  const Hash128 h = hash128(document);
  for (int i = 0; i < 16; ++i) {
    out32[15 - i] = hex[(h.hi >> (4 * i)) & 0xF];
    out32[31 - i] = hex[(h.lo >> (4 * i)) & 0xF];
  }
}

std::string document_id(std::string_view document) {
  std::string out(32, '0');
  write_document_id(document, out.data());
  return out;
}

}  // namespace peregrine::storage::elasticsearch
