// API version choice from discovery documents.
#include "operator/controller/served_api_versions.hpp"

namespace peregrine::controller {

namespace {

bool lists_resource(const std::optional<nlohmann::json>& list, const std::string& resource) {
  if (!list || !list->is_object()) return false;
  const auto resources = list->find("resources");
  if (resources == list->end() || !resources->is_array()) return false;
  for (const auto& entry : *resources) {
    if (entry.is_object() && entry.value("name", "") == resource) return true;
  }
  return false;
}

std::string first_serving(const std::function<std::optional<nlohmann::json>(const std::string&)>& discover,
                          const std::string& group, std::initializer_list<const char*> versions,
                          const std::string& resource) {
  for (const char* version : versions) {
    if (lists_resource(discover("/apis/" + group + "/" + version), resource)) return group + "/" + version;
  }
  return group + "/" + *versions.begin();
}

}  // namespace

ServedApiVersions choose_api_versions(
    const std::function<std::optional<nlohmann::json>(const std::string& path)>& discover) {
  ServedApiVersions served;
  served.autoscaling = first_serving(discover, "autoscaling", {"v2", "v2beta2"}, "horizontalpodautoscalers");
  served.cronjob = first_serving(discover, "batch", {"v1", "v1beta1"}, "cronjobs");
  return served;
}

}  // namespace peregrine::controller
