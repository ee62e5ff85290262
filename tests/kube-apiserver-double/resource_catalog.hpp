// ResourceCatalog: the resources the double serves — the built-ins plus every version of every established
// CustomResourceDefinition. Thread-safe; lookups copy.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "tests/kube-apiserver-double/resource_info.hpp"

namespace peregrine::kubedouble {

struct GroupVersions {
  std::string group;                  // "" for the core group
  std::vector<std::string> versions;  // preferred first
};

class ResourceCatalog {
 public:
  ResourceCatalog();

  std::optional<ResourceInfo> find(const std::string& group, const std::string& version, const std::string& plural) const;
  // Any served version of group/plural (the storage identity).
  std::optional<ResourceInfo> find_any_version(const std::string& group, const std::string& plural) const;
  std::vector<ResourceInfo> resources_in(const std::string& group, const std::string& version) const;
  // Core first, then named groups in registration order (built-ins, then CRDs by name).
  std::vector<GroupVersions> groups() const;
  bool serves_group_version(const std::string& group, const std::string& version) const;

  // Serves the CRD's served versions (replacing an earlier registration of the same CRD).
  void register_crd(const std::vector<ResourceInfo>& versions);
  // Stops serving the CRD; returns the storage key of its objects ("" if unknown).
  std::string unregister_crd(const std::string& crd_name);

 private:
  std::vector<ResourceInfo> all_locked() const;

  mutable std::shared_mutex mutex_;
  std::vector<ResourceInfo> builtins_;
  std::map<std::string, std::vector<ResourceInfo>> crds_;
};

// The ResourceInfo of each served version of a CRD object. Throws ApiServerError (422) when the CRD is invalid
// (missing group/names/versions, name not "<plural>.<group>", no storage version, bad scope).
std::vector<ResourceInfo> crd_served_resources(const nlohmann::json& crd);
// The status the API server reports for an accepted CRD (Established, NamesAccepted, acceptedNames, storedVersions).
nlohmann::json crd_accepted_status(const nlohmann::json& crd);

}  // namespace peregrine::kubedouble
