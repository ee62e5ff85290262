// The heart of sidecar injection as data in, data out: the decision (injection_decision.hpp) applied to the
// workload, giving the mutated object and the RFC 6902 JSON Patch from the input to it. The admission webhook
// returns the patch; reconcile mode sends it to the API server. An already injected, up-to-date workload
// yields an empty patch.
#pragma once
#include "operator/webhook/injection_decision.hpp"

namespace peregrine::operator_webhook {

struct InjectionOutcome {
  InjectionDecision decision;
  Json mutated;               // the workload after the decision (a copy of the input when nothing changes)
  Json patch = Json::array();  // JSON Patch operations from the input to `mutated`
  bool changed() const { return !patch.empty(); }
};

InjectionOutcome evaluate_injection(const InjectionInput& input);

}  // namespace peregrine::operator_webhook
