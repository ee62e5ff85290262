// SymbolTable implementation: entries in a vector with a free list, indexed by an open-addressing slot array.
#include "backend/storage/memory/symbol_table.hpp"

#include "backend/storage/memory/string_hash.hpp"

namespace peregrine::storage::memory {

namespace {
constexpr size_t kInitialSlots = 64;
}  // namespace

size_t SymbolTable::probe(std::string_view s, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  size_t i = static_cast<size_t>(hash) & mask;
  for (;;) {
    const Slot& slot = slots_[i];
    if (slot.id == kNone) return i;
    if (slot.hash == hash && same_text(entries_[slot.id].text, s)) return i;
    i = (i + 1) & mask;
  }
}

uint32_t SymbolTable::find(std::string_view s, uint64_t hash) const {
  if (slots_.empty()) return kNone;
  return slots_[probe(s, hash)].id;
}

uint32_t SymbolTable::find(std::string_view s) const { return find(s, string_hash(s)); }

void SymbolTable::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? kInitialSlots : old.size() * 2, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id == kNone) continue;
    size_t i = static_cast<size_t>(slot.hash) & mask;
    while (slots_[i].id != kNone) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

uint32_t SymbolTable::acquire(std::string_view s, uint64_t hash) {
  if ((live_ + 1) * 4 > slots_.size() * 3) grow();
  const size_t at = probe(s, hash);
  if (slots_[at].id != kNone) {
    entries_[slots_[at].id].refs++;
    return slots_[at].id;
  }
  uint32_t id;
  if (!free_ids_.empty()) {
    id = free_ids_.back();
    free_ids_.pop_back();
  } else {
    id = static_cast<uint32_t>(entries_.size());
    entries_.emplace_back();
  }
  Entry& e = entries_[id];
  e.text.assign(s.data(), s.size());
  e.hash = hash;
  e.refs = 1;
  slots_[at] = Slot{hash, id};
  ++live_;
  return id;
}

uint32_t SymbolTable::acquire(std::string_view s) { return acquire(s, string_hash(s)); }

void SymbolTable::release(uint32_t id) {
  Entry& e = entries_[id];
  if (e.refs == 0) return;
  if (--e.refs > 0) return;
  // Remove the slot, then shift later members of its probe run back so every lookup still finds them.
  const size_t mask = slots_.size() - 1;
  size_t hole = probe(e.text, e.hash);
  size_t next = (hole + 1) & mask;
  while (slots_[next].id != kNone) {
    const size_t home = static_cast<size_t>(slots_[next].hash) & mask;
    // The element at `next` may fill the hole when its home is not inside (hole, next] (cyclically).
    const bool home_after_hole = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
    if (!home_after_hole) {
      slots_[hole] = slots_[next];
      hole = next;
    }
    next = (next + 1) & mask;
  }
  slots_[hole] = Slot{};
  --live_;
  e.text.clear();
  e.text.shrink_to_fit();
  free_ids_.push_back(id);
}

}  // namespace peregrine::storage::memory
