// TraceSlotMap implementation: linear probing with backward-shift deletion.
#include "backend/storage/memory/trace_slot_map.hpp"

#include "backend/storage/memory/bloom.hpp"

namespace peregrine::storage::memory {

namespace {
constexpr size_t kInitialEntries = 64;
}  // namespace

uint64_t TraceSlotMap::hash(const model::TraceID& id) {
  return mix64((id.low * 0xC2B2AE3D27D4EB4FULL) ^ (id.high + 0x165667B19E3779F9ULL));
}

size_t TraceSlotMap::position(const model::TraceID& id) const {
  const size_t mask = entries_.size() - 1;
  size_t i = static_cast<size_t>(hash(id)) & mask;
  while (entries_[i].slot != kNone && !(entries_[i].id == id)) i = (i + 1) & mask;
  return i;
}

uint32_t TraceSlotMap::find(const model::TraceID& id) const {
  if (entries_.empty()) return kNone;
  return entries_[position(id)].slot;
}

void TraceSlotMap::grow() {
  std::vector<Entry> old = std::move(entries_);
  entries_.assign(old.empty() ? kInitialEntries : old.size() * 2, Entry{});
  for (const Entry& e : old) {
    if (e.slot != kNone) entries_[position(e.id)] = e;
  }
}

void TraceSlotMap::insert(const model::TraceID& id, uint32_t slot) {
  if ((size_ + 1) * 4 > entries_.size() * 3) grow();
  entries_[position(id)] = Entry{id, slot};
  ++size_;
}

bool TraceSlotMap::erase(const model::TraceID& id) {
  if (entries_.empty()) return false;
  const size_t mask = entries_.size() - 1;
  size_t hole = position(id);
  if (entries_[hole].slot == kNone) return false;
  // Shift later members of the probe run back so every lookup still reaches them.
  size_t next = (hole + 1) & mask;
  while (entries_[next].slot != kNone) {
    const size_t home = static_cast<size_t>(hash(entries_[next].id)) & mask;
    const bool home_after_hole = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
    if (!home_after_hole) {
      entries_[hole] = entries_[next];
      hole = next;
    }
    next = (next + 1) & mask;
  }
  entries_[hole] = Entry{};
  --size_;
  return true;
}

}  // namespace peregrine::storage::memory
