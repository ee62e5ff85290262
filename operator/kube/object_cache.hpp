// ObjectCache: the thread-safe store behind an informer — objects by "namespace/name", shared immutable
// snapshots (ObjectPtr) so readers never copy or block writers for long.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

namespace peregrine::kube {

using ObjectPtr = std::shared_ptr<const nlohmann::json>;

class ObjectCache {
 public:
  // Differences applied by replace(): what an informer reports as add/update/delete events.
  struct ReplaceResult {
    std::vector<ObjectPtr> added;
    std::vector<std::pair<ObjectPtr, ObjectPtr>> updated;  // {old, new}
    std::vector<ObjectPtr> deleted;
  };

  // Inserts or replaces by key; returns the previous object (null when new).
  ObjectPtr upsert(ObjectPtr object);
  // Removes by key; returns the removed object (null when absent).
  ObjectPtr erase(const std::string& key);

  ObjectPtr get(const std::string& key) const;
  ObjectPtr get(const std::string& ns, const std::string& name) const;
  // Everything, or one namespace's objects, ordered by key.
  std::vector<ObjectPtr> list() const;
  std::vector<ObjectPtr> list_namespace(const std::string& ns) const;
  // Objects in `ns` ("" = all) whose metadata.labels contain every pair of `labels`.
  std::vector<ObjectPtr> list_by_labels(const std::string& ns, const std::map<std::string, std::string>& labels) const;
  std::vector<ObjectPtr> list_if(const std::function<bool(const nlohmann::json&)>& predicate) const;
  size_t size() const;

  // Makes the objects of one namespace (or, with all_namespaces, of the whole cache) exactly `objects`.
  // An object counts as updated when its resourceVersion changed.
  ReplaceResult replace(const std::string& ns, bool all_namespaces, std::vector<ObjectPtr> objects);

 private:
  mutable std::shared_mutex mutex_;
  std::map<std::string, ObjectPtr> objects_;
};

}  // namespace peregrine::kube
