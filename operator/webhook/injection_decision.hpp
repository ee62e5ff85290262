// The injection rules as one pure function: given a workload, its Namespace's annotations and the Jaeger
// instances, decide whether to inject (or refresh) the agent sidecar, remove it, or leave the workload alone —
// with a human-readable reason and, when something asked for cannot be done, an Event reason.
//
//  - only apps/v1 Deployments, StatefulSets and DaemonSets with a pod template are considered;
//  - Jaeger's own workloads (managed-by peregrine-operator / jaeger-operator, part-of jaeger) are skipped;
//  - injection is wanted when the workload's annotation is present and not "false", or, without one, when the
//    Namespace's is present and not "false";
//  - a `jaeger-agent` container the operator did not inject (no injected label) is left alone;
//  - not wanted but injected before (label present) → remove, unless the Namespace could not be read and the
//    workload has no annotation of its own (the Namespace may be what asked for it);
//  - wanted: the selected instance (instance_selection.hpp) gets injected; an invalid instance freezes the
//    workload as it is; no instance → nothing injected (Event), and an earlier injection is removed.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "operator/webhook/agent_profile.hpp"
#include "operator/webhook/object_fields.hpp"
#include "operator/webhook/workload_kind.hpp"

namespace peregrine::operator_webhook {

enum class InjectionAction { Inject, Remove, Leave };

struct InjectionInput {
  const Json& workload;
  std::string namespace_name;                      // the workload's namespace (from the request when metadata has none)
  std::optional<StringMap> namespace_annotations;  // nullopt when the Namespace could not be read
  const std::vector<AgentProfile>& instances;      // the Jaeger instances in the watched namespaces
};

struct InjectionDecision {
  InjectionAction action = InjectionAction::Leave;
  std::optional<WorkloadKind> kind;
  std::optional<AgentProfile> instance;  // Inject: the instance the sidecar reports to
  std::string reason;
  std::string event_reason;  // "SidecarInjected", "SidecarRemoved", or why nothing was injected
  bool warning = false;      // injection was requested but cannot happen
};

InjectionDecision decide_injection(const InjectionInput& input);

// "Inject", "Remove", "Leave".
const char* to_string(InjectionAction action);

}  // namespace peregrine::operator_webhook
