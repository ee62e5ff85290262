// Content hash for document ids (see document_id.hpp). Each lane folds 8-byte little-endian words with a
// multiply/xor-shift mixer (splitmix64 finalizer constants) and finishes with a full avalanche.
#include "backend/storage/elasticsearch/document_id.hpp"

#include <cstring>

namespace peregrine::storage::elasticsearch {

namespace {

constexpr uint64_t kMul1 = 0xBF58476D1CE4E5B9ULL;
constexpr uint64_t kMul2 = 0x94D049BB133111EBULL;
constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

inline uint64_t avalanche(uint64_t x) {
  x ^= x >> 30;
  x *= kMul1;
  x ^= x >> 27;
  x *= kMul2;
  x ^= x >> 31;
  return x;
}

inline uint64_t load64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

uint64_t lane(std::string_view data, uint64_t seed) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const size_t n = data.size();
  uint64_t h = seed ^ (n * kGolden);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w = load64(p + i) * kMul1;
    w ^= w >> 29;
    w *= kMul2;
    h = (h ^ w) * kGolden;
    h ^= h >> 32;
  }
  uint64_t tail = 0;
  for (size_t k = 0; i + k < n; ++k) tail |= static_cast<uint64_t>(p[i + k]) << (8 * k);
  h ^= avalanche(tail + seed);
  return avalanche(h);
}

}  // namespace

Hash128 hash128(std::string_view data) {
  return Hash128{lane(data, 0x243F6A8885A308D3ULL), lane(data, 0x13198A2E03707344ULL)};
}

std::string document_id(std::string_view document) {
  static constexpr char hex[] = "0123456789abcdef";
  const Hash128 h = hash128(document);
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[15 - i] = hex[(h.hi >> (4 * i)) & 0xF];
    out[31 - i] = hex[(h.lo >> (4 * i)) & 0xF];
  }
  return out;
}

}  // namespace peregrine::storage::elasticsearch
