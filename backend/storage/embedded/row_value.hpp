// Row values of the embedded store. Every value starts with the row's expiry (µs since the Unix epoch,
// little-endian fixed 64 bits) so the TTL compaction filter, the per-file expiry collector and readers can
// judge any row without knowing its kind. Index rows add the spans they list (index_value.hpp); span-chunk and
// span-keys rows add their spans (span_chunk.hpp); catalog rows hold the expiry only.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "backend/storage/embedded/byte_order.hpp"

namespace peregrine::storage::embedded {

constexpr size_t kExpirySize = 8;

inline void put_expiry(std::string& out, int64_t expiry_us) { put_u64_le(out, static_cast<uint64_t>(expiry_us)); }

// nullopt when the value is too short to carry an expiry (never written by this store).
inline std::optional<int64_t> read_expiry(std::string_view value) {
  if (value.size() < kExpirySize) return std::nullopt;
  return static_cast<int64_t>(get_u64_le(value.data()));
}

// A row is live while now < expiry. Rows without a readable expiry count as expired.
inline bool is_live(std::string_view value, int64_t now_us) {
  auto expiry = read_expiry(value);
  return expiry && now_us < *expiry;
}

}  // namespace peregrine::storage::embedded
