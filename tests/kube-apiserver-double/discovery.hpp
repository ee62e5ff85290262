// Discovery documents: /version, /api, /apis, /apis/<group>, /api/v1 and /apis/<group>/<version> resource lists
// (verbs, kinds, scope, shortNames, categories, status subresources), and a minimal OpenAPI v3 (/openapi/v3
// index + one document per group-version). The OpenAPI documents only declare, per kind, a PATCH operation
// with the fieldValidation query parameter: kubectl then validates server-side (the double accepts and does not
// enforce fieldValidation) instead of downloading schemas. /openapi/v2 and aggregated discovery are not served
// (clients fall back to the legacy documents).
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tests/kube-apiserver-double/resource_catalog.hpp"

namespace peregrine::kubedouble {

nlohmann::json version_document();
nlohmann::json core_api_versions(const std::string& server_address);
nlohmann::json api_group_list(const ResourceCatalog& catalog);
std::optional<nlohmann::json> api_group(const ResourceCatalog& catalog, const std::string& group);
// nullopt when the group-version is not served.
std::optional<nlohmann::json> api_resource_list(const ResourceCatalog& catalog, const std::string& group,
                                                const std::string& version);
nlohmann::json openapi_v3_index(const ResourceCatalog& catalog);
std::optional<nlohmann::json> openapi_v3_document(const ResourceCatalog& catalog, const std::string& group,
                                                  const std::string& version);

}  // namespace peregrine::kubedouble
