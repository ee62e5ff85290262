// ObjectCache implementation.
#include "operator/kube/object_cache.hpp"

#include <mutex>
#include <set>

#include "operator/kube/object_key.hpp"

namespace peregrine::kube {

ObjectPtr ObjectCache::upsert(ObjectPtr object) {
  const std::string key = object_key(*object);
  std::unique_lock lock(mutex_);
  auto& slot = objects_[key];
  ObjectPtr previous = std::move(slot);
  slot = std::move(object);
  return previous;
}

ObjectPtr ObjectCache::erase(const std::string& key) {
  std::unique_lock lock(mutex_);
  auto it = objects_.find(key);
  if (it == objects_.end()) return nullptr;
  ObjectPtr removed = std::move(it->second);
  objects_.erase(it);
  return removed;
}

ObjectPtr ObjectCache::get(const std::string& key) const {
  std::shared_lock lock(mutex_);
  auto it = objects_.find(key);
  return it == objects_.end() ? nullptr : it->second;
}

ObjectPtr ObjectCache::get(const std::string& ns, const std::string& name) const { return get(object_key(ns, name)); }

std::vector<ObjectPtr> ObjectCache::list() const {
  std::shared_lock lock(mutex_);
  std::vector<ObjectPtr> out;
  out.reserve(objects_.size());
  for (const auto& [key, obj] : objects_) out.push_back(obj);
  return out;
}

std::vector<ObjectPtr> ObjectCache::list_namespace(const std::string& ns) const {
  if (ns.empty()) return list();
  const std::string prefix = ns + "/";
  std::shared_lock lock(mutex_);
  std::vector<ObjectPtr> out;
  for (auto it = objects_.lower_bound(prefix); it != objects_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it) {
    out.push_back(it->second);
  }
  return out;
}

std::vector<ObjectPtr> ObjectCache::list_by_labels(const std::string& ns,
                                                   const std::map<std::string, std::string>& labels) const {
  std::vector<ObjectPtr> out;
  for (auto& obj : list_namespace(ns)) {
    const auto meta = obj->find("metadata");
    if (meta == obj->end()) continue;
    const auto obj_labels = meta->find("labels");
    bool match = true;
    for (const auto& [k, v] : labels) {
      if (obj_labels == meta->end() || !obj_labels->is_object()) {
        match = false;
        break;
      }
      auto it = obj_labels->find(k);
      if (it == obj_labels->end() || !it->is_string() || it->get<std::string>() != v) {
        match = false;
        break;
      }
    }
    if (match) out.push_back(std::move(obj));
  }
  return out;
}

std::vector<ObjectPtr> ObjectCache::list_if(const std::function<bool(const nlohmann::json&)>& predicate) const {
  std::vector<ObjectPtr> out;
  for (auto& obj : list()) {
    if (predicate(*obj)) out.push_back(std::move(obj));
  }
  return out;
}

size_t ObjectCache::size() const {
  std::shared_lock lock(mutex_);
  return objects_.size();
}

ObjectCache::ReplaceResult ObjectCache::replace(const std::string& ns, bool all_namespaces,
                                                std::vector<ObjectPtr> objects) {
  ReplaceResult result;
  std::set<std::string> fresh_keys;
  std::unique_lock lock(mutex_);
  for (auto& obj : objects) {
    std::string key = object_key(*obj);
    fresh_keys.insert(key);
    auto it = objects_.find(key);
    if (it == objects_.end()) {
      result.added.push_back(obj);
      objects_.emplace(std::move(key), std::move(obj));
    } else {
      if (object_resource_version(*it->second) != object_resource_version(*obj)) {
        result.updated.emplace_back(it->second, obj);
      }
      it->second = std::move(obj);
    }
  }
  for (auto it = objects_.begin(); it != objects_.end();) {
    const bool in_scope = all_namespaces || object_namespace(*it->second) == ns;
    if (in_scope && fresh_keys.count(it->first) == 0) {
      result.deleted.push_back(it->second);
      it = objects_.erase(it);
    } else {
      ++it;
    }
  }
  return result;
}

}  // namespace peregrine::kube
