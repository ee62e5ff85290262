// Decision + mutation + JSON Patch (see workload_injector.hpp).
#include "operator/webhook/workload_injector.hpp"

#include "operator/webhook/sidecar_mutation.hpp"

namespace peregrine::operator_webhook {

InjectionOutcome evaluate_injection(const InjectionInput& input) {
  InjectionOutcome outcome;
  outcome.decision = decide_injection(input);
  switch (outcome.decision.action) {
    case InjectionAction::Inject:
      outcome.mutated =
          with_sidecar(input.workload, *outcome.decision.kind, input.namespace_name, *outcome.decision.instance);
      break;
    case InjectionAction::Remove:
      outcome.mutated = without_sidecar(input.workload);
      break;
    case InjectionAction::Leave:
      outcome.mutated = input.workload;
      break;
  }
  outcome.patch = Json::diff(input.workload, outcome.mutated);
  return outcome;
}

}  // namespace peregrine::operator_webhook
