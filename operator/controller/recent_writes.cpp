// Overlay of the controller's own writes on top of informer caches.
#include "operator/controller/recent_writes.hpp"

#include <charconv>

#include "operator/kube/object_key.hpp"

namespace peregrine::controller {

std::optional<uint64_t> parse_resource_version(const std::string& text) {
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<uint64_t> numeric_resource_version(const nlohmann::json& object) {
  return parse_resource_version(kube::object_resource_version(object));
}

void RecentWrites::record_write(const std::string& key, ObjectPtr written) {
  if (!written) return;
  const auto rv = numeric_resource_version(*written);
  std::lock_guard lock(mutex_);
  if (!rv) {
    entries_.erase(key);
    return;
  }
  auto& entry = entries_[key];
  if (entry.resource_version <= *rv) entry = Entry{std::move(written), *rv};
}

void RecentWrites::record_delete(const std::string& key, const std::string& deleted_resource_version) {
  const auto rv = parse_resource_version(deleted_resource_version);
  std::lock_guard lock(mutex_);
  if (!rv) {
    entries_.erase(key);
    return;
  }
  auto& entry = entries_[key];
  if (entry.resource_version <= *rv) entry = Entry{nullptr, *rv};
}

ObjectPtr RecentWrites::resolve(const std::string& key, ObjectPtr cached) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return cached;
  const Entry& entry = it->second;
  if (cached) {
    const auto cached_rv = numeric_resource_version(*cached);
    if (!cached_rv) return cached;
    // A cache copy newer than the remembered write (someone changed it since) wins; so does a re-created object.
    if (*cached_rv > entry.resource_version) return cached;
    return entry.written;  // null: deleted by us, the cache has not seen the delete yet
  }
  // Not in the cache: either our create is not visible yet, or the object is gone.
  return entry.written;
}

void RecentWrites::observe(const std::string& key, const ObjectPtr& cached) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return;
  if (!cached) {
    // Deleted in the cache: a remembered delete is confirmed; a remembered write is outdated.
    entries_.erase(it);
    return;
  }
  const auto cached_rv = numeric_resource_version(*cached);
  if (!cached_rv || *cached_rv >= it->second.resource_version) entries_.erase(it);
}

size_t RecentWrites::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace peregrine::controller
