// The injection rules (see injection_decision.hpp).
#include "operator/webhook/injection_decision.hpp"

#include "operator/webhook/injection_constants.hpp"
#include "operator/webhook/instance_selection.hpp"

namespace peregrine::operator_webhook {

namespace {

bool is_jaeger_workload(const StringMap& labels) {
  const auto managed_by = find_value(labels, "app.kubernetes.io/managed-by");
  if (managed_by && (*managed_by == "peregrine-operator" || *managed_by == "jaeger-operator")) return true;
  const auto part_of = find_value(labels, "app.kubernetes.io/part-of");
  return part_of && *part_of == "jaeger";
}

bool is_false(const std::optional<std::string>& value) { return value && equals_ignore_case(*value, "false"); }

InjectionDecision leave(InjectionDecision decision, std::string reason) {
  decision.action = InjectionAction::Leave;
  decision.reason = std::move(reason);
  return decision;
}

InjectionDecision remove(InjectionDecision decision, std::string reason) {
  decision.action = InjectionAction::Remove;
  decision.reason = std::move(reason);
  decision.event_reason = "SidecarRemoved";
  return decision;
}

}  // namespace

const char* to_string(InjectionAction action) {
  switch (action) {
    case InjectionAction::Inject: return "Inject";
    case InjectionAction::Remove: return "Remove";
    case InjectionAction::Leave: return "Leave";
  }
  return "Leave";
}

InjectionDecision decide_injection(const InjectionInput& input) {
  InjectionDecision decision;
  const Json& workload = input.workload;
  const std::string api_version = workload.is_object() ? workload.value("apiVersion", "") : "";
  const std::string kind = workload.is_object() ? workload.value("kind", "") : "";
  decision.kind = workload_kind_of(api_version, kind);
  if (!decision.kind) return leave(decision, "not an apps/v1 Deployment, StatefulSet or DaemonSet");
  const Json* containers = pod_containers(workload);
  if (containers == nullptr) return leave(decision, "the workload has no pod template containers");

  const StringMap labels = metadata_labels(workload);
  if (is_jaeger_workload(labels)) return leave(decision, "a workload of Jaeger itself");

  const StringMap annotations = metadata_annotations(workload);
  const auto workload_value = find_value(annotations, kInjectAnnotation);
  const auto namespace_value =
      input.namespace_annotations ? find_value(*input.namespace_annotations, kInjectAnnotation) : std::nullopt;
  const bool wanted = workload_value ? !is_false(workload_value) : (namespace_value && !is_false(namespace_value));

  const auto injected_label = find_value(labels, kInjectedLabel);
  const bool has_agent = container_index(*containers, kAgentContainerName).has_value();

  if (!wanted) {
    if (injected_label && !workload_value && !input.namespace_annotations) {
      // Injected because of the Namespace, perhaps: without it nothing may be taken away.
      return leave(decision, "the Namespace could not be read; the injected sidecar stays until it can");
    }
    if (injected_label) {
      return remove(decision, is_false(workload_value) || (!workload_value && is_false(namespace_value))
                                  ? "injection is disabled by the annotation"
                                  : "injection is no longer requested");
    }
    return leave(decision, "injection is not requested");
  }
  if (has_agent && !injected_label) {
    return leave(decision, "the workload has its own jaeger-agent container");
  }

  const SelectionRequest request{workload_value, namespace_value, input.namespace_name, injected_label};
  const Selection selection = select_instance(request, input.instances);
  if (selection.instance == nullptr) {
    if (injected_label) return remove(decision, selection.reason);
    decision = leave(decision, selection.reason);
    decision.event_reason = selection.event_reason;
    decision.warning = true;
    return decision;
  }
  if (!selection.instance->renderable()) {
    decision = leave(decision, "Jaeger instance " + selection.instance->namespace_name + "/" +
                                   selection.instance->name + " is unusable: " + selection.instance->problem);
    decision.event_reason = "JaegerInstanceInvalid";
    decision.warning = true;
    return decision;
  }
  decision.action = InjectionAction::Inject;
  decision.instance = *selection.instance;
  decision.reason = selection.reason;
  decision.event_reason = "SidecarInjected";
  return decision;
}

}  // namespace peregrine::operator_webhook
