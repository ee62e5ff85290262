// ResourceInfo: what the double knows about one served REST resource (group/version/plural, kind, scope,
// discovery metadata, and the storage semantics: status subresource, generation tracking).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace peregrine::kubedouble {

struct ResourceInfo {
  std::string group;     // "" = core
  std::string version;   // "v1"
  std::string plural;    // "deployments"
  std::string singular;  // "deployment"
  std::string kind;      // "Deployment"
  bool namespaced = true;
  std::vector<std::string> short_names;
  std::vector<std::string> categories;
  bool has_status = false;         // serves <plural>/status; status is ignored on the main resource
  bool tracks_generation = false;  // metadata.generation bumps on spec changes
  bool is_custom = false;          // served because of a CustomResourceDefinition
  std::string crd_name;            // "<plural>.<group>" for custom resources
  nlohmann::json printer_columns = nlohmann::json::array();  // CRD additionalPrinterColumns

  std::string group_version() const { return group.empty() ? version : group + "/" + version; }
  // "deployments.apps" / "pods" — used in Status messages.
  std::string group_resource() const { return group.empty() ? plural : plural + "." + group; }
  // "Deployment.apps" / "Pod" — used in Invalid messages.
  std::string group_kind() const { return group.empty() ? kind : kind + "." + group; }
  // Objects of every served version of a resource share one storage.
  std::string storage_key() const { return group + "/" + plural; }
};

}  // namespace peregrine::kubedouble
