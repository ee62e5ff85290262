// Validation the double enforces (422 Invalid, worded like the API server), chosen to catch the mistakes an
// operator makes: object names (DNS subdomain; DNS-1123 label for Namespace; DNS-1035 label for Service; path
// segment for RBAC), label keys/values and annotation keys; workload selectors present and matching the pod
// template labels; containers (at least one, DNS-label unique names, image set, port names IANA service names,
// port numbers); Job/CronJob template restartPolicy OnFailure|Never; Service ports (range, names unique and
// required when several); ConfigMap/Secret keys. On update: immutable workload selectors, Job template,
// StatefulSet spec fields other than the mutable ones, Service clusterIP, RoleBinding roleRef, immutable
// ConfigMaps/Secrets; admission webhook configurations (webhook_configuration.hpp). Not emulated: full OpenAPI schema validation, CRD openAPIV3Schema validation/pruning.
#pragma once
#include <nlohmann/json.hpp>

#include "tests/kube-apiserver-double/resource_info.hpp"

namespace peregrine::kubedouble {

// Throws ApiServerError (422) for the first problem found. `existing` is null on create.
void validate_object(const ResourceInfo& info, const nlohmann::json& object, const nlohmann::json& existing);

}  // namespace peregrine::kubedouble
