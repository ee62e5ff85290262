// ProcessTable implementation: pointer cache → canonical-key map → new entry (reusing freed slots).
#include "backend/storage/memory/process_table.hpp"

#include <cstring>

#include "backend/storage/memory/byte_codec.hpp"

namespace peregrine::storage::memory {

std::string process_key(const model::Process& process) {
  std::string key;
  put_bytes(key, process.service_name);
  for (const auto& t : process.tags) {
    put_bytes(key, t.key);
    key.push_back(static_cast<char>(t.type));
    switch (t.type) {
      case model::ValueType::String:
      case model::ValueType::Binary:
        put_bytes(key, t.str);
        break;
      case model::ValueType::Bool:
        key.push_back(t.b ? 1 : 0);
        break;
      case model::ValueType::Int64:
        put_signed(key, t.i);
        break;
      case model::ValueType::Float64: {
        uint64_t bits;
        std::memcpy(&bits, &t.d, sizeof bits);
        put_fixed64(key, bits);
        break;
      }
    }
  }
  return key;
}

PreparedProcess PreparedProcess::of(const model::ProcessPtr& process) {
  static const model::Process kEmpty;
  return PreparedProcess{process, process_key(process ? *process : kEmpty)};
}

uint32_t ProcessTable::acquire(const model::ProcessPtr& process) {
  CacheSlot& slot = cache_[cache_slot_of(process.get())];
  if (process && slot.source == process) {
    entries_[slot.index].refs++;
    return slot.index;
  }
  return acquire(PreparedProcess::of(process));
}

uint32_t ProcessTable::acquire(const PreparedProcess& prepared) {
  const model::ProcessPtr& process = prepared.process;
  CacheSlot& slot = cache_[cache_slot_of(process.get())];
  if (process && slot.source == process) {
    entries_[slot.index].refs++;
    return slot.index;
  }
  const uint32_t index = acquire_by_key(process, prepared.key);
  if (process) slot = CacheSlot{process, index};
  return index;
}

uint32_t ProcessTable::acquire_by_key(const model::ProcessPtr& process, const std::string& key) {
  auto it = by_key_.find(key);
  if (it != by_key_.end()) {
    entries_[it->second].refs++;
    return it->second;
  }
  static const model::Process kEmpty;
  const model::Process& p = process ? *process : kEmpty;
  uint32_t index;
  if (!free_.empty()) {
    index = free_.back();
    free_.pop_back();
  } else {
    index = static_cast<uint32_t>(entries_.size());
    entries_.emplace_back();
  }
  Entry& e = entries_[index];
  e.process = process ? process : std::make_shared<const model::Process>();
  e.service_hash = string_hash(p.service_name);
  e.terms = Bloom512{};
  e.terms.add(service_term(e.service_hash));
  for (const auto& t : p.tags) e.terms.add(tag_term(string_hash(t.key), string_hash(t.value_as_string())));
  e.refs = 1;
  e.key = key;
  by_key_.emplace(key, index);
  return index;
}

void ProcessTable::release(uint32_t index) {
  Entry& e = entries_[index];
  if (e.refs == 0 || --e.refs > 0) return;
  for (auto& slot : cache_) {
    if (slot.source && slot.index == index) slot = CacheSlot{};
  }
  by_key_.erase(e.key);
  e = Entry{};
  free_.push_back(index);
}

}  // namespace peregrine::storage::memory
