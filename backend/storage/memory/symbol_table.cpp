// SymbolTable implementation: deque-backed entries with a free list, indexed by (text, cached hash).
#include "backend/storage/memory/symbol_table.hpp"

#include "backend/storage/memory/bloom.hpp"

namespace peregrine::storage::memory {

uint32_t SymbolTable::find(std::string_view s, uint64_t hash) const {
  auto it = index_.find(Key{s, hash});
  return it == index_.end() ? kNone : it->second;
}

uint32_t SymbolTable::find(std::string_view s) const { return find(s, string_hash(s)); }

uint32_t SymbolTable::acquire(std::string_view s, uint64_t hash) {
  auto it = index_.find(Key{s, hash});
  if (it != index_.end()) {
    entries_[it->second].refs++;
    return it->second;
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
  index_.emplace(Key{std::string_view(e.text), hash}, id);
  return id;
}

uint32_t SymbolTable::acquire(std::string_view s) { return acquire(s, string_hash(s)); }

void SymbolTable::release(uint32_t id) {
  Entry& e = entries_[id];
  if (e.refs == 0) return;
  if (--e.refs > 0) return;
  index_.erase(Key{std::string_view(e.text), e.hash});
  e.text.clear();
  e.text.shrink_to_fit();
  free_ids_.push_back(id);
}

}  // namespace peregrine::storage::memory
