// Owner → objects index.
#include "operator/controller/owner_index.hpp"

namespace peregrine::controller {

namespace {

std::string object_id(const std::string& kind, const std::string& ns, const std::string& name) {
  return kind + "/" + ns + "/" + name;
}

}  // namespace

void OwnerIndex::set(const std::string& kind, const std::string& ns, const std::string& name,
                     const std::optional<std::string>& owner_key) {
  if (!owner_key) {
    erase(kind, ns, name);
    return;
  }
  const std::string id = object_id(kind, ns, name);
  std::lock_guard lock(mutex_);
  const auto previous = owner_of_.find(id);
  if (previous != owner_of_.end()) {
    if (previous->second == *owner_key) return;
    auto& old_members = members_[previous->second];
    old_members.erase({kind, name});
    if (old_members.empty()) members_.erase(previous->second);
  }
  owner_of_[id] = *owner_key;
  members_[*owner_key].insert({kind, name});
}

void OwnerIndex::erase(const std::string& kind, const std::string& ns, const std::string& name) {
  std::lock_guard lock(mutex_);
  const auto previous = owner_of_.find(object_id(kind, ns, name));
  if (previous == owner_of_.end()) return;
  auto& old_members = members_[previous->second];
  old_members.erase({kind, name});
  if (old_members.empty()) members_.erase(previous->second);
  owner_of_.erase(previous);
}

std::vector<OwnerIndex::Member> OwnerIndex::members(const std::string& owner_key) const {
  std::lock_guard lock(mutex_);
  const auto it = members_.find(owner_key);
  if (it == members_.end()) return {};
  return {it->second.begin(), it->second.end()};
}

size_t OwnerIndex::size() const {
  std::lock_guard lock(mutex_);
  return owner_of_.size();
}

}  // namespace peregrine::controller
