// TimeIndex implementation: binary search plus shortest-side shifting around a front gap.
#include "backend/storage/memory/time_index.hpp"

#include <algorithm>
#include <cstring>

namespace peregrine::storage::memory {

namespace {
bool less(const TimeIndex::Entry& a, int64_t start_us, uint32_t slot) {
  return a.start_us < start_us || (a.start_us == start_us && a.slot < slot);
}
}  // namespace

size_t TimeIndex::lower_bound_pos(int64_t start_us, uint32_t slot) const {
  auto it = std::lower_bound(buf_.begin() + static_cast<std::ptrdiff_t>(head_), buf_.end(), 0,
                             [&](const Entry& e, int) { return less(e, start_us, slot); });
  return static_cast<size_t>(it - buf_.begin());
}

const TimeIndex::Entry* TimeIndex::upper_bound(int64_t t) const {
  auto it = std::upper_bound(buf_.begin() + static_cast<std::ptrdiff_t>(head_), buf_.end(), t,
                             [](int64_t v, const Entry& e) { return v < e.start_us; });
  return buf_.data() + (it - buf_.begin());
}

void TimeIndex::insert(int64_t start_us, uint32_t slot) {
  size_t pos = lower_bound_pos(start_us, slot);
  size_t before = pos - head_;
  size_t after = buf_.size() - pos;
  if (head_ > 0 && before < after) {
    // Shift the prefix one step into the front gap.
    Entry* base = buf_.data();
    std::memmove(base + head_ - 1, base + head_, before * sizeof(Entry));
    --head_;
    base[pos - 1] = Entry{start_us, slot};
    return;
  }
  buf_.insert(buf_.begin() + static_cast<std::ptrdiff_t>(pos), Entry{start_us, slot});
}

void TimeIndex::erase(int64_t start_us, uint32_t slot) {
  size_t pos = lower_bound_pos(start_us, slot);
  if (pos == buf_.size() || buf_[pos].start_us != start_us || buf_[pos].slot != slot) return;
  size_t before = pos - head_;
  size_t after = buf_.size() - pos - 1;
  if (before < after) {
    Entry* base = buf_.data();
    std::memmove(base + head_ + 1, base + head_, before * sizeof(Entry));
    ++head_;
    compact_if_sparse();
  } else {
    buf_.erase(buf_.begin() + static_cast<std::ptrdiff_t>(pos));
  }
}

void TimeIndex::compact_if_sparse() {
  if (head_ < 4096 || head_ < buf_.size() / 2) return;
  buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(head_));
  head_ = 0;
}

}  // namespace peregrine::storage::memory
