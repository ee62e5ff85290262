// A 512-bit Bloom filter summarising what a stored trace contains (services, operations, tag key/value pairs),
// plus the string hashes that feed it. Search uses it to skip traces that certainly cannot match before
// decoding them; it never causes a miss (no false negatives), only extra decoding on false positives.
// Hashes are computed from strings (never from per-shard ids) so a query hashes its terms the same way.
#pragma once
#include <cstdint>
#include <string_view>

#include "backend/storage/memory/string_hash.hpp"

namespace peregrine::storage::memory {

inline uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// Terms of different kinds are salted so a service named "x" and an operation named "x" set different bits.
inline uint64_t service_term(uint64_t service_hash) { return mix64(service_hash ^ 0x5e7b1ce5ULL); }
inline uint64_t operation_term(uint64_t operation_hash) { return mix64(operation_hash ^ 0x0be7a710ULL); }
// value_hash is the hash of the value rendered as a string (KeyValue::value_as_string).
inline uint64_t tag_term(uint64_t key_hash, uint64_t value_hash) {
  return mix64(key_hash * 0x9E3779B97F4A7C15ULL + value_hash);
}

struct Bloom512 {
  uint64_t words[8] = {};

  // Two bit positions per term, both taken from the (already mixed) term.
  void add(uint64_t term) {
    uint32_t a = static_cast<uint32_t>(term & 511);
    uint32_t b = static_cast<uint32_t>((term >> 9) & 511);
    words[a >> 6] |= 1ULL << (a & 63);
    words[b >> 6] |= 1ULL << (b & 63);
  }
  void merge(const Bloom512& o) {
    for (int i = 0; i < 8; ++i) words[i] |= o.words[i];
  }
  // True when every bit of `required` is set here.
  bool covers(const Bloom512& required) const {
    for (int i = 0; i < 8; ++i) {
      if ((words[i] & required.words[i]) != required.words[i]) return false;
    }
    return true;
  }
};

}  // namespace peregrine::storage::memory
