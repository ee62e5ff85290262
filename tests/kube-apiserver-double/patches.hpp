// Patch application: JSON merge patch (RFC 7386), JSON patch (RFC 6902), and an APPROXIMATION of Kubernetes
// strategic merge patch without OpenAPI schemas:
//  - maps merge recursively, null deletes a key, "$patch: replace|delete" on maps, "$retainKeys";
//  - lists merge by a merge key chosen from the field name (containers/initContainers/ephemeralContainers/env/
//    volumes/imagePullSecrets/resourceClaims: name; volumeMounts: mountPath; volumeDevices: devicePath;
//    ports: containerPort when items carry one, else port; hostAliases: ip; conditions: type;
//    ownerReferences: uid; topologySpreadConstraints: topologyKey); "$patch: delete" items remove by key;
//  - finalizers merge as a set; "$deleteFromPrimitiveList/<field>" removes values;
//  - "$setElementOrder/<field>" orders the merged list (listed items first, in that order);
//  - every other list is replaced atomically.
// Not emulated: per-type schema exceptions (e.g. lists that are atomic despite a name above), "$patch: merge".
#pragma once
#include <nlohmann/json.hpp>

namespace peregrine::kubedouble {

// Each throws ApiServerError: 400 for a malformed patch document, 422 when a JSON patch cannot be applied.
nlohmann::json apply_merge_patch(const nlohmann::json& target, const nlohmann::json& patch);
nlohmann::json apply_json_patch(const nlohmann::json& target, const nlohmann::json& patch);
nlohmann::json apply_strategic_merge_patch(const nlohmann::json& target, const nlohmann::json& patch);

}  // namespace peregrine::kubedouble
