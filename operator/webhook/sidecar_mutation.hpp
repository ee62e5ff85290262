// Workload mutations of sidecar injection. with_sidecar(): adds (or refreshes in place) the `jaeger-agent`
// container, gives every application container JAEGER_SERVICE_NAME (`<app>.<namespace>` from the pod template's
// app.kubernetes.io/instance, app.kubernetes.io/name or app label, else the workload name) and
// JAEGER_PROPAGATION=jaeger,b3,w3c unless set, adds the agent's volumes and pull secrets the pod lacks, and labels
// the workload `sidecar.jaegertracing.io/injected: <instance>`. without_sidecar(): drops the container and the
// label (environment, volumes and pull secrets stay, as with the Jaeger operator). Both are pure and idempotent,
// also on objects read back from the API server: an existing sidecar that already covers the wanted one
// (server defaults aside, see operator/kube/semantic_subset.hpp) is kept as it is.
#pragma once
#include <string>

#include "operator/webhook/agent_profile.hpp"
#include "operator/webhook/workload_kind.hpp"

namespace peregrine::operator_webhook {

// `workload` must have pod template containers (see injection_decision.hpp).
Json with_sidecar(const Json& workload, WorkloadKind kind, const std::string& namespace_name,
                  const AgentProfile& profile);
Json without_sidecar(const Json& workload);

// JAEGER_SERVICE_NAME for a workload ("" when neither labels nor a name give one).
std::string service_name_for(const Json& workload, const std::string& namespace_name);

}  // namespace peregrine::operator_webhook
