// RecentWrites: the controller's own writes that its informer caches may not show yet. After a create, update
// or delete the answer is remembered per object until the cache catches up (its resourceVersion reaches the
// written one, compared numerically, as etcd revisions are), so a reconcile that runs before the watch event
// arrives sees its own writes instead of stale objects — no duplicate creates, no conflicting updates.
// Non-numeric resourceVersions disable the overlay for that object (the cache is trusted).
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace peregrine::controller {

using ObjectPtr = std::shared_ptr<const nlohmann::json>;

class RecentWrites {
 public:
  // `key` identifies the object across kinds, e.g. "apps/deployments/ns/name".
  void record_write(const std::string& key, ObjectPtr written);
  void record_delete(const std::string& key, const std::string& deleted_resource_version);

  // The freshest view of the object: the cached one, or the remembered write when the cache is older;
  // null when the object is gone (cache empty, or a remembered delete newer than the cached copy).
  ObjectPtr resolve(const std::string& key, ObjectPtr cached) const;

  // Called with the cache's object (null when deleted) on every informer event: forgets entries the cache
  // has caught up with.
  void observe(const std::string& key, const ObjectPtr& cached);

  size_t size() const;

 private:
  struct Entry {
    ObjectPtr written;         // null for a delete
    uint64_t resource_version = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

// metadata.resourceVersion as a number, or nullopt.
std::optional<uint64_t> numeric_resource_version(const nlohmann::json& object);
std::optional<uint64_t> parse_resource_version(const std::string& text);

}  // namespace peregrine::controller
