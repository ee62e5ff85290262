// Thread-safe string interning: maps strings to dense uint32 ids and back (ids are stable for the
// interner's lifetime). Used by storage to keep service, operation and tag-key strings once.
#pragma once
#include <cstdint>
#include <deque>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace peregrine::model {

class StringInterner {
 public:
  uint32_t intern(std::string_view s);
  // Returns UINT32_MAX when s was never interned.
  uint32_t find(std::string_view s) const;
  std::string_view lookup(uint32_t id) const;
  size_t size() const;

 private:
  mutable std::shared_mutex mu_;
  std::deque<std::string> strings_;  // deque: stable addresses for the string_view keys below
  std::unordered_map<std::string_view, uint32_t> ids_;
};

}  // namespace peregrine::model
