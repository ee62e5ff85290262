// TraceRecord: one stored trace inside a memory-store shard — its encoded span records in a single byte blob,
// plus the summary search uses to skip it without decoding (start/duration ranges, Bloom terms).
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <unordered_set>

#include "backend/model/ids.hpp"
#include "backend/storage/memory/bloom.hpp"

namespace peregrine::storage::memory {

// Append-only byte buffer sized for memory, not speed: exact-fit growth while small (most traces), 25%
// headroom once large so big traces are not copied quadratically.
class ByteBlob {
 public:
  void append(std::string_view bytes) {
    size_t needed = static_cast<size_t>(size_) + bytes.size();
    if (needed > capacity_) {
      size_t cap = needed <= kExactFitLimit ? needed : std::max<size_t>(needed, capacity_ + capacity_ / 4);
      std::unique_ptr<uint8_t[]> grown(new uint8_t[cap]);
      if (size_ > 0) std::memcpy(grown.get(), data_.get(), size_);
      data_ = std::move(grown);
      capacity_ = static_cast<uint32_t>(cap);
    }
    std::memcpy(data_.get() + size_, bytes.data(), bytes.size());
    size_ = static_cast<uint32_t>(needed);
  }
  const uint8_t* begin() const { return data_.get(); }
  const uint8_t* end() const { return data_.get() + size_; }
  uint32_t size() const { return size_; }
  void reset() {
    data_.reset();
    size_ = capacity_ = 0;
  }

 private:
  static constexpr size_t kExactFitLimit = 4096;
  std::unique_ptr<uint8_t[]> data_;
  uint32_t size_ = 0;
  uint32_t capacity_ = 0;
};

struct TraceRecord {
  model::TraceID id;
  int64_t base_start_us = 0;  // start of the first span written; record start times are relative to it
  int64_t start_min_us = 0;   // trace start (earliest span start)
  int64_t start_max_us = 0;   // latest span start
  int64_t duration_min_us = 0;
  int64_t duration_max_us = 0;
  Bloom512 terms;
  ByteBlob blob;
  uint32_t span_count = 0;
  bool live = false;
  // Hashes of (span id, start) for retried-write dedupe, built only once a trace grows large (small traces are
  // checked by walking the blob).
  std::unique_ptr<std::unordered_set<uint64_t>> span_keys;
};

inline uint64_t span_key_hash(uint64_t span_id, int64_t start_us) {
  return mix64(span_id ^ mix64(static_cast<uint64_t>(start_us)));
}

}  // namespace peregrine::storage::memory
