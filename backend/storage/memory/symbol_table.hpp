// SymbolTable: a reference-counted string dictionary (string ⇄ dense uint32 id) used by one memory-store
// shard for operation names, tag keys and repeated tag values. Every encoded span holds one reference per
// symbol it uses; evicting a trace releases them, and a symbol whose count drops to zero is freed and its id
// reused, so dictionaries stay bounded under --memory.max-traces. Each string's hash is kept for the search
// Bloom filters. Not thread-safe: the owning shard's lock guards it.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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

  std::string_view text(uint32_t id) const { return entries_[id].text; }
  uint64_t hash(uint32_t id) const { return entries_[id].hash; }
  uint32_t refs(uint32_t id) const { return entries_[id].refs; }
  size_t live_count() const { return index_.size(); }

 private:
  struct Key {
    std::string_view text;
    uint64_t hash;
    bool operator==(const Key& o) const { return text == o.text; }
  };
  struct KeyHash {
    size_t operator()(const Key& k) const { return static_cast<size_t>(k.hash); }
  };
  struct Entry {
    std::string text;
    uint64_t hash = 0;
    uint32_t refs = 0;
  };

  std::deque<Entry> entries_;  // deque: stable addresses for the string_views in index_
  std::vector<uint32_t> free_ids_;
  std::unordered_map<Key, uint32_t, KeyHash> index_;
};

}  // namespace peregrine::storage::memory
