// TraceSlotMap: one memory-store shard's trace id → record slot index, as a flat open-addressing table (linear
// probing over a power-of-two array of {trace id, slot} entries, at most 3/4 full, backward-shift deletion). A
// lookup is usually one cache line, and entries cost no allocation of their own (a node-based map costs a heap
// node per trace and two or three dependent loads per lookup). Not thread-safe: the owning shard's lock guards it.
#pragma once
#include <cstdint>
#include <vector>

#include "backend/model/ids.hpp"

namespace peregrine::storage::memory {

class TraceSlotMap {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // The slot of `id`, or kNone.
  uint32_t find(const model::TraceID& id) const;
  // Adds id → slot; `id` must not be present.
  void insert(const model::TraceID& id, uint32_t slot);
  // Removes `id`; false when absent.
  bool erase(const model::TraceID& id);
  size_t size() const { return size_; }

 private:
  struct Entry {
    model::TraceID id;
    uint32_t slot = kNone;  // kNone: empty entry
  };

  // Independent of the shard choice (which uses other bits of another mix), so a shard's ids spread over all
  // of its table.
  static uint64_t hash(const model::TraceID& id);
  // Entry holding `id`, or the empty entry where it would go.
  size_t position(const model::TraceID& id) const;
  void grow();

  std::vector<Entry> entries_;  // size is 0 or a power of two
  size_t size_ = 0;
};

}  // namespace peregrine::storage::memory
