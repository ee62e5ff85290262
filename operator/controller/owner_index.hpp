// OwnerIndex: which owned objects belong to which Jaeger ("namespace/name" key), maintained from informer
// events, so a reconcile finds an instance's objects without scanning every cached object of its namespace
// (which made reconciles O(objects in the namespace) — quadratic with many CRs in one namespace).
#pragma once
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace peregrine::controller {

class OwnerIndex {
 public:
  // (kind, object name) pairs; the namespace is the owner's.
  using Member = std::pair<std::string, std::string>;

  // Records that object `kind` `ns/name` now belongs to `owner_key` (nullopt: to no Jaeger).
  void set(const std::string& kind, const std::string& ns, const std::string& name,
           const std::optional<std::string>& owner_key);
  void erase(const std::string& kind, const std::string& ns, const std::string& name);

  std::vector<Member> members(const std::string& owner_key) const;
  size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string> owner_of_;            // "kind/ns/name" → owner key
  std::map<std::string, std::set<Member>> members_;        // owner key → objects
};

}  // namespace peregrine::controller
