// ResourceCatalog and CRD → ResourceInfo derivation.
#include "tests/kube-apiserver-double/resource_catalog.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <mutex>

#include "tests/kube-apiserver-double/api_status.hpp"
#include "tests/kube-apiserver-double/builtin_resources.hpp"

namespace peregrine::kubedouble {

ResourceCatalog::ResourceCatalog() : builtins_(builtin_resources()) {}

std::vector<ResourceInfo> ResourceCatalog::all_locked() const {
  std::vector<ResourceInfo> all = builtins_;
  for (const auto& [name, versions] : crds_) all.insert(all.end(), versions.begin(), versions.end());
  return all;
}

std::optional<ResourceInfo> ResourceCatalog::find(const std::string& group, const std::string& version,
                                                  const std::string& plural) const {
  std::shared_lock lock(mutex_);
  for (const auto& r : builtins_) {
    if (r.group == group && r.version == version && r.plural == plural) return r;
  }
  for (const auto& [name, versions] : crds_) {
    for (const auto& r : versions) {
      if (r.group == group && r.version == version && r.plural == plural) return r;
    }
  }
  return std::nullopt;
}

std::optional<ResourceInfo> ResourceCatalog::find_any_version(const std::string& group, const std::string& plural) const {
  std::shared_lock lock(mutex_);
  for (const auto& r : all_locked()) {
    if (r.group == group && r.plural == plural) return r;
  }
  return std::nullopt;
}

std::vector<ResourceInfo> ResourceCatalog::resources_in(const std::string& group, const std::string& version) const {
  std::shared_lock lock(mutex_);
  std::vector<ResourceInfo> out;
  for (const auto& r : all_locked()) {
    if (r.group == group && r.version == version) out.push_back(r);
  }
  return out;
}

std::vector<GroupVersions> ResourceCatalog::groups() const {
  std::shared_lock lock(mutex_);
  std::vector<GroupVersions> out;
  for (const auto& r : all_locked()) {
    auto it = std::find_if(out.begin(), out.end(), [&](const GroupVersions& g) { return g.group == r.group; });
    if (it == out.end()) {
      out.push_back({r.group, {r.version}});
    } else if (std::find(it->versions.begin(), it->versions.end(), r.version) == it->versions.end()) {
      it->versions.push_back(r.version);
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const GroupVersions& a, const GroupVersions& b) { return a.group.empty() && !b.group.empty(); });
  return out;
}

bool ResourceCatalog::serves_group_version(const std::string& group, const std::string& version) const {
  for (const auto& g : groups()) {
    if (g.group == group) return std::find(g.versions.begin(), g.versions.end(), version) != g.versions.end();
  }
  return false;
}

void ResourceCatalog::register_crd(const std::vector<ResourceInfo>& versions) {
  if (versions.empty()) return;
  std::unique_lock lock(mutex_);
  crds_[versions.front().crd_name] = versions;
}

std::string ResourceCatalog::unregister_crd(const std::string& crd_name) {
  std::unique_lock lock(mutex_);
  auto it = crds_.find(crd_name);
  if (it == crds_.end() || it->second.empty()) return "";
  std::string key = it->second.front().storage_key();
  crds_.erase(it);
  return key;
}

namespace {

std::vector<std::string> string_list(const nlohmann::json& node) {
  std::vector<std::string> out;
  if (node.is_array()) {
    for (const auto& v : node) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

}  // namespace

std::vector<ResourceInfo> crd_served_resources(const nlohmann::json& crd) {
  ResourceInfo base;
  base.kind = "CustomResourceDefinition";
  base.group = "apiextensions.k8s.io";
  base.plural = "customresourcedefinitions";
  const std::string crd_name = crd.contains("metadata") ? crd["metadata"].value("name", "") : "";
  auto fail = [&](const std::string& field, const std::string& detail) -> ApiServerError {
    return invalid(base, crd_name, field, detail);
  };
  const nlohmann::json spec = crd.value("spec", nlohmann::json::object());
  const std::string group = spec.value("group", "");
  const nlohmann::json names = spec.value("names", nlohmann::json::object());
  const std::string plural = names.value("plural", "");
  const std::string kind = names.value("kind", "");
  if (group.empty()) throw fail("spec.group", "Required value");
  if (group.find('.') == std::string::npos) throw fail("spec.group", "Invalid value: \"" + group + "\": should be a domain with at least one dot");
  if (plural.empty()) throw fail("spec.names.plural", "Required value");
  if (kind.empty()) throw fail("spec.names.kind", "Required value");
  if (crd_name != plural + "." + group) {
    throw fail("metadata.name", "Invalid value: \"" + crd_name + "\": must be spec.names.plural+\".\"+spec.group");
  }
  const std::string scope = spec.value("scope", "");
  if (scope != "Namespaced" && scope != "Cluster") {
    throw fail("spec.scope", "Unsupported value: \"" + scope + "\": supported values: \"Cluster\", \"Namespaced\"");
  }
  const nlohmann::json versions = spec.value("versions", nlohmann::json::array());
  if (!versions.is_array() || versions.empty()) throw fail("spec.versions", "Required value");
  int storage_versions = 0;
  std::vector<ResourceInfo> out;
  for (const auto& v : versions) {
    const std::string version = v.value("name", "");
    if (version.empty()) throw fail("spec.versions[].name", "Required value");
    if (v.value("storage", false)) ++storage_versions;
    if (!v.value("served", false)) continue;
    ResourceInfo r;
    r.group = group;
    r.version = version;
    r.plural = plural;
    r.singular = names.value("singular", "");
    if (r.singular.empty()) {
      r.singular = kind;
      std::transform(r.singular.begin(), r.singular.end(), r.singular.begin(), ::tolower);
    }
    r.kind = kind;
    r.namespaced = scope == "Namespaced";
    r.short_names = string_list(names.value("shortNames", nlohmann::json::array()));
    r.categories = string_list(names.value("categories", nlohmann::json::array()));
    const nlohmann::json subresources = v.value("subresources", nlohmann::json::object());
    r.has_status = subresources.is_object() && subresources.contains("status");
    r.tracks_generation = true;
    r.is_custom = true;
    r.crd_name = crd_name;
    r.printer_columns = v.value("additionalPrinterColumns", nlohmann::json::array());
    out.push_back(std::move(r));
  }
  if (storage_versions != 1) throw fail("spec.versions", "Invalid value: must have exactly one version marked as storage version");
  return out;
}

nlohmann::json crd_accepted_status(const nlohmann::json& crd) {
  const nlohmann::json spec = crd.value("spec", nlohmann::json::object());
  nlohmann::json names = spec.value("names", nlohmann::json::object());
  if (!names.contains("singular")) {
    std::string singular = names.value("kind", "");
    std::transform(singular.begin(), singular.end(), singular.begin(), ::tolower);
    names["singular"] = singular;
  }
  if (!names.contains("listKind")) names["listKind"] = names.value("kind", "") + "List";
  std::vector<std::string> stored;
  for (const auto& v : spec.value("versions", nlohmann::json::array())) {
    if (v.value("storage", false)) stored.push_back(v.value("name", ""));
  }
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char ts[32];
  std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return {
      {"acceptedNames", names},
      {"storedVersions", stored},
      {"conditions",
       {{{"type", "NamesAccepted"}, {"status", "True"}, {"reason", "NoConflicts"},
         {"message", "no conflicts found"}, {"lastTransitionTime", ts}},
        {{"type", "Established"}, {"status", "True"}, {"reason", "InitialNamesAccepted"},
         {"message", "the initial names have been accepted"}, {"lastTransitionTime", ts}}}},
  };
}

}  // namespace peregrine::kubedouble
