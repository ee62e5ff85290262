// DeclaredApiCalls registry and RBAC rule derivation.
#include "operator/kube/declared_api_calls.hpp"

#include <map>

namespace peregrine::kube {

std::string ApiCall::to_string() const {
  std::string out = verb + " " + (group.empty() ? "core" : group) + "/" + resource;
  if (!subresource.empty()) out += "/" + subresource;
  return out;
}

void DeclaredApiCalls::declare(const ApiCall& call) {
  std::lock_guard lock(mutex_);
  calls_.insert(call);
}

void DeclaredApiCalls::declare(std::initializer_list<const char*> verbs, const GroupVersionResource& gvr,
                               const std::string& subresource) {
  std::lock_guard lock(mutex_);
  for (const char* verb : verbs) calls_.insert(ApiCall{verb, gvr.group, gvr.resource, subresource});
}

std::vector<ApiCall> DeclaredApiCalls::list() const {
  std::lock_guard lock(mutex_);
  return {calls_.begin(), calls_.end()};
}

bool DeclaredApiCalls::contains(const ApiCall& call) const {
  std::lock_guard lock(mutex_);
  return calls_.count(call) != 0;
}

void DeclaredApiCalls::clear() {
  std::lock_guard lock(mutex_);
  calls_.clear();
}

nlohmann::json DeclaredApiCalls::policy_rules() const {
  std::map<std::pair<std::string, std::string>, std::set<std::string>> grouped;
  for (const auto& call : list()) {
    const std::string resource = call.subresource.empty() ? call.resource : call.resource + "/" + call.subresource;
    grouped[{call.group, resource}].insert(call.verb);
  }
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& [key, verbs] : grouped) {
    rules.push_back({{"apiGroups", {key.first}}, {"resources", {key.second}},
                     {"verbs", std::vector<std::string>(verbs.begin(), verbs.end())}});
  }
  return rules;
}

DeclaredApiCalls& DeclaredApiCalls::global() {
  static DeclaredApiCalls registry;
  return registry;
}

}  // namespace peregrine::kube
