// StringInterner implementation (shared lock for lookups, exclusive for inserts).
#include "backend/model/interner.hpp"

#include <mutex>

namespace peregrine::model {

uint32_t StringInterner::intern(std::string_view s) {
  {
    std::shared_lock lk(mu_);
    auto it = ids_.find(s);
    if (it != ids_.end()) return it->second;
  }
  std::unique_lock lk(mu_);
  auto it = ids_.find(s);
  if (it != ids_.end()) return it->second;
  strings_.emplace_back(s);
  uint32_t id = static_cast<uint32_t>(strings_.size() - 1);
  ids_.emplace(std::string_view(strings_.back()), id);
  return id;
}

uint32_t StringInterner::find(std::string_view s) const {
  std::shared_lock lk(mu_);
  auto it = ids_.find(s);
  return it == ids_.end() ? UINT32_MAX : it->second;
}

std::string_view StringInterner::lookup(uint32_t id) const {
  std::shared_lock lk(mu_);
  return id < strings_.size() ? std::string_view(strings_[id]) : std::string_view();
}

size_t StringInterner::size() const {
  std::shared_lock lk(mu_);
  return strings_.size();
}

}  // namespace peregrine::model
