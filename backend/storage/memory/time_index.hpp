// TimeIndex: one shard's traces ordered by trace start time, as a sorted array of (start µs, slot). Search
// walks it newest → oldest. Inserts land near the end (new traces) and erases near the front (eviction of the
// oldest-inserted trace), so the array keeps a gap at its front: an operation shifts whichever side of the
// position is shorter, which makes both common cases O(1)-ish memmoves while scans stay contiguous.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace peregrine::storage::memory {

class TimeIndex {
 public:
  struct Entry {
    int64_t start_us;
    uint32_t slot;
  };

  void insert(int64_t start_us, uint32_t slot);
  // Removes the exact (start_us, slot) entry; no-op when absent.
  void erase(int64_t start_us, uint32_t slot);

  // Ascending by (start_us, slot).
  const Entry* begin() const { return buf_.data() + head_; }
  const Entry* end() const { return buf_.data() + buf_.size(); }
  size_t size() const { return buf_.size() - head_; }
  // First entry with start_us > t.
  const Entry* upper_bound(int64_t t) const;

 private:
  size_t lower_bound_pos(int64_t start_us, uint32_t slot) const;  // absolute position in buf_
  void compact_if_sparse();

  std::vector<Entry> buf_;
  size_t head_ = 0;  // live entries are buf_[head_ .. size)
};

}  // namespace peregrine::storage::memory
