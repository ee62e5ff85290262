// Server-side printing (meta.k8s.io/v1 Table) for clients that ask for it (kubectl get): columns Name and
// Age (type date; date cells are rendered as ages like "5m", as the API server does), plus a CRD version's additionalPrinterColumns (simple
// dotted jsonPath only). Rows carry PartialObjectMetadata. Built-in kinds get no kind-specific columns.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/kube-apiserver-double/resource_info.hpp"

namespace peregrine::kubedouble {

nlohmann::json table_for(const ResourceInfo& info, const std::vector<nlohmann::json>& objects,
                         const std::string& resource_version, const std::string& continue_token);

// True when an Accept header asks for a Table ("application/json;as=Table;v=v1;g=meta.k8s.io,...").
bool accepts_table(const std::string& accept);

}  // namespace peregrine::kubedouble
