// Which Jaeger instance an annotated workload's sidecar reports to. The annotation value on the workload wins
// over the Namespace's: a name selects that instance (same namespace preferred; "namespace/name" is exact);
// "true" selects the only instance in the watched namespaces, else the only one in the workload's namespace.
// A workload already injected keeps its instance while "true" would otherwise become ambiguous, so a second
// Jaeger appearing never moves or strips existing sidecars. Instances being deleted are never selected.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "operator/webhook/agent_profile.hpp"

namespace peregrine::operator_webhook {

struct SelectionRequest {
  std::optional<std::string> workload_value;   // the inject annotation on the workload
  std::optional<std::string> namespace_value;  // the inject annotation on its Namespace
  std::string workload_namespace;
  std::optional<std::string> current_instance;  // the injected label's value, when already injected
};

struct Selection {
  const AgentProfile* instance = nullptr;  // points into the instances given; nullptr when none fits
  std::string reason;                      // why this instance, or why none
  std::string event_reason;                // CamelCase reason for an Event when none fits
};

Selection select_instance(const SelectionRequest& request, const std::vector<AgentProfile>& instances);

}  // namespace peregrine::operator_webhook
