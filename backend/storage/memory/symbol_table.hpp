// SymbolTable: a reference-counted string dictionary (string ⇄ dense uint32 id) used by one memory-store
// shard for operation names, tag keys and repeated tag values. Every encoded span holds one reference per
// symbol it uses; evicting a trace releases them, and a symbol whose count drops to zero is freed and its id
// reused, so dictionaries stay bounded under --memory.max-traces. Each string's hash is kept for the search
// Bloom filters. Lookups go through an open-addressing index (linear probing over a power-of-two array of
// {hash, id} slots, backward-shift deletion): one probe usually reaches the entry, with no per-node allocation.
// Not thread-safe: the owning shard's lock guards it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "backend/storage/memory/string_hash.hpp"

namespace peregrine::storage::memory {

class SymbolTable {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // Id of s, or kNone. `hash` must be string_hash(s).
  uint32_t find(std::string_view s, uint64_t hash) const;
  uint32_t find(std::string_view s) const;
  // Id of s with one more reference, interning s when absent.
  uint32_t acquire(std::string_view s, uint64_t hash);
  uint32_t acquire(std::string_view s);
  void add_ref(uint32_t id) { entries_[id].refs++; }
  // Drops one reference; the symbol is freed when none remain.
  void release(uint32_t id);

  // Valid until the next acquire() (entries may move when the table grows).
  std::string_view text(uint32_t id) const { return entries_[id].text; }
  // True when `id` is a live symbol whose text is s (a cheap check of a remembered id; any id is accepted).
  bool holds(uint32_t id, std::string_view s) const {
    return id < entries_.size() && entries_[id].refs > 0 && same_text(entries_[id].text, s);
  }
  uint64_t hash(uint32_t id) const { return entries_[id].hash; }
  uint32_t refs(uint32_t id) const { return entries_[id].refs; }
  size_t live_count() const { return live_; }

 private:
  struct Entry {
    std::string text;
    uint64_t hash = 0;
    uint32_t refs = 0;
  };
  struct Slot {
    uint64_t hash = 0;
    uint32_t id = kNone;  // kNone: empty slot
  };

  // Slot holding s, or the empty slot where it would go.
  size_t probe(std::string_view s, uint64_t hash) const;
  void grow();

  std::vector<Entry> entries_;
  std::vector<uint32_t> free_ids_;
  std::vector<Slot> slots_;  // size is 0 or a power of two, at most 3/4 full
  size_t live_ = 0;
};

}  // namespace peregrine::storage::memory
