// ShardDictionaries: everything a memory-store shard's encoded spans refer to by number — operation names and
// tag keys, repeated string values, and processes — plus the policy deciding which string values are worth
// interning. Values of a key are interned while they keep being reused (hits ≥ new symbols after a warm-up);
// keys whose values are mostly unique (ids, timestamps rendered as text) fall back to inline storage so the
// dictionary does not grow one entry per span. Guarded by the shard's lock.
#pragma once
#include <cstdint>
#include <vector>

#include "backend/storage/memory/process_table.hpp"
#include "backend/storage/memory/symbol_table.hpp"

namespace peregrine::storage::memory {

class ValueInternPolicy {
 public:
  static constexpr size_t kMaxInternedLength = 96;

  bool should_intern(uint32_t key_id, size_t value_length) const {
    if (value_length > kMaxInternedLength) return false;
    if (key_id >= stats_.size()) return true;
    const KeyStats& s = stats_[key_id];
    return s.new_symbols < kWarmup || s.hits >= s.new_symbols;
  }
  void record_hit(uint32_t key_id) { touch(key_id).hits++; }
  void record_new(uint32_t key_id) { touch(key_id).new_symbols++; }
  // A freshly created key symbol must not inherit the statistics of a freed key that had the same id.
  void reset(uint32_t key_id) {
    if (key_id < stats_.size()) stats_[key_id] = KeyStats{};
  }

 private:
  static constexpr uint32_t kWarmup = 64;
  static constexpr uint32_t kDecayAt = 1u << 16;
  struct KeyStats {
    uint32_t hits = 0;
    uint32_t new_symbols = 0;
  };
  KeyStats& touch(uint32_t key_id) {
    if (key_id >= stats_.size()) stats_.resize(key_id + 1);
    KeyStats& s = stats_[key_id];
    if (s.hits + s.new_symbols >= kDecayAt) {  // keep adapting to a changing workload
      s.hits /= 2;
      s.new_symbols /= 2;
    }
    return s;
  }
  std::vector<KeyStats> stats_;
};

// The symbols last used at each tag position (span tags, then log fields). Spans from the same instrumentation
// repeat the same keys in the same order, and many values (methods, status texts, components) repeat too, so the
// remembered id is usually the right one and costs a text comparison instead of hashing and probing. A remembered
// id is only a guess: it is used when SymbolTable::holds confirms it.
class RecentSymbols {
 public:
  static constexpr size_t kSpanTagPositions = 32;
  static constexpr size_t kLogFieldPositions = 16;
  struct Slot {
    uint32_t key = SymbolTable::kNone;
    uint32_t value = SymbolTable::kNone;  // last interned string value seen with that key here
  };
  // Null beyond the tracked positions.
  Slot* span_tag(size_t index) { return index < kSpanTagPositions ? &slots_[index] : nullptr; }
  Slot* log_field(size_t index) {
    return index < kLogFieldPositions ? &slots_[kSpanTagPositions + index] : nullptr;
  }

 private:
  Slot slots_[kSpanTagPositions + kLogFieldPositions];
};

struct ShardDictionaries {
  SymbolTable names;   // operation names and tag / log-field keys
  SymbolTable values;  // interned string values
  ProcessTable processes;
  ValueInternPolicy intern_policy;
  RecentSymbols recent;
};

}  // namespace peregrine::storage::memory
