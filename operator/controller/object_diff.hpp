// Desired vs observed for one owned object: whether an update is needed (desired ⊆ observed, see
// operator/kube/semantic_subset.hpp), and the object to PUT when it is. The update keeps what other actors and the server own:
// resourceVersion/uid and other server metadata, labels and annotations added by others, owner references to
// other owners, top-level fields the operator does not render (e.g. a ServiceAccount's secrets), status, a
// Service's allocated clusterIP(s)/ipFamilies/nodePorts, and a workload's spec.replicas when the desired object
// leaves replicas to a HorizontalPodAutoscaler.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace peregrine::controller {

using Json = nlohmann::json;

// "" when `observed` already matches `desired`; otherwise where it differs ("/spec/template/...",
// "/metadata/labels/app", "/metadata/ownerReferences").
std::string update_reason(const Json& desired, const Json& observed);
inline bool needs_update(const Json& desired, const Json& observed) { return !update_reason(desired, observed).empty(); }

// The full object to send with PUT (carries observed metadata.resourceVersion as the precondition).
Json merge_for_update(const Json& desired, const Json& observed);

// How an object whose desired state changed is brought in line.
enum class UpdateMethod {
  Update,    // PUT the merged object
  Recreate,  // delete, then create (kinds whose spec is immutable: Jobs)
};
UpdateMethod update_method_for_kind(const std::string& kind);

}  // namespace peregrine::controller
