// DeclaredApiCalls: the registry where each component declares every (verb, group, resource, subresource) it
// will call, so RBAC rules can be derived from code (and a test can check that observed calls ⊆ declared).
// RestClient can also record the calls it actually makes into an instance of this type.
#pragma once
#include <compare>
#include <initializer_list>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "operator/kube/group_version_resource.hpp"

namespace peregrine::kube {

struct ApiCall {
  std::string verb;         // get, list, watch, create, update, patch, delete, deletecollection
  std::string group;        // "" = core
  std::string resource;     // plural
  std::string subresource;  // "" or "status", "scale", ...

  // "create apps/deployments", "update jaegertracing.io/jaegers/status"
  std::string to_string() const;
  auto operator<=>(const ApiCall&) const = default;
};

class DeclaredApiCalls {
 public:
  void declare(const ApiCall& call);
  void declare(std::initializer_list<const char*> verbs, const GroupVersionResource& gvr,
               const std::string& subresource = "");
  // Sorted, without duplicates.
  std::vector<ApiCall> list() const;
  bool contains(const ApiCall& call) const;
  void clear();
  // RBAC PolicyRules grouped by (group, resource[/subresource]):
  // [{"apiGroups":["apps"],"resources":["deployments"],"verbs":["create","get",...]}], sorted.
  nlohmann::json policy_rules() const;

  // The process-wide registry components declare into.
  static DeclaredApiCalls& global();

 private:
  mutable std::mutex mutex_;
  std::set<ApiCall> calls_;
};

}  // namespace peregrine::kube
