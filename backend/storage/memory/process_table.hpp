// ProcessTable: one memory-store shard's deduplicated, reference-counted processes. Spans store a small index
// into it instead of their process; equal processes (same service name and typed tags) share one entry and
// one ProcessPtr, which decoded spans share too (no copy on read). A small cache keyed by the incoming
// ProcessPtr avoids looking up the process of every span of a batch again (receivers share one per resource);
// writers that see a process many times compute its canonical key once (PreparedProcess) and hand it to every
// shard. Not thread-safe: the owning shard's lock guards it.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "backend/model/span.hpp"
#include "backend/storage/memory/bloom.hpp"

namespace peregrine::storage::memory {

// The canonical byte form of a process used as the dedupe key (service name, then typed tags in order).
std::string process_key(const model::Process& process);

// A process with its canonical key computed once, for acquiring it in several tables.
struct PreparedProcess {
  model::ProcessPtr process;  // may be null (an empty process)
  std::string key;            // process_key(*process), or of an empty process

  static PreparedProcess of(const model::ProcessPtr& process);
};

class ProcessTable {
 public:
  struct Entry {
    model::ProcessPtr process;
    uint64_t service_hash = 0;
    Bloom512 terms;  // service term + one term per process tag (process tags are searchable)
    uint32_t refs = 0;
    std::string key;  // canonical serialisation, the dedupe key
  };

  // Index of an equal process with one more reference (adding it when new). A null pointer stands for an
  // empty process (no service name, no tags).
  uint32_t acquire(const model::ProcessPtr& process);
  uint32_t acquire(const PreparedProcess& prepared);
  void add_ref(uint32_t index) { entries_[index].refs++; }
  void release(uint32_t index);

  const Entry& at(uint32_t index) const { return entries_[index]; }
  // Upper bound of indexes (freed slots included; check live()).
  size_t slots() const { return entries_.size(); }
  bool live(uint32_t index) const { return entries_[index].refs > 0; }

 private:
  struct CacheSlot {
    model::ProcessPtr source;  // held so the address cannot be reused by another Process while cached
    uint32_t index = 0;
  };
  static constexpr size_t kCacheSlots = 32;  // direct-mapped by pointer

  static size_t cache_slot_of(const model::Process* p) {
    return (reinterpret_cast<uintptr_t>(p) >> 4) % kCacheSlots;
  }
  // Index of the entry with this key, one more reference, creating it from `process` when new.
  uint32_t acquire_by_key(const model::ProcessPtr& process, const std::string& key);

  std::vector<Entry> entries_;
  std::vector<uint32_t> free_;
  std::unordered_map<std::string, uint32_t> by_key_;
  std::array<CacheSlot, kCacheSlots> cache_{};
};

}  // namespace peregrine::storage::memory
