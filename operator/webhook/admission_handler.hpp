// The mutating admission webhook's logic: AdmissionReview body in → AdmissionReview response out. Workload
// creates and updates run through the injection rules and get the JSON Patch; anything else is allowed untouched.
// A bad or unexpected review, or any internal failure, still gets `allowed: true` (with a warning) so the user's
// deployment is never blocked by the sidecar injector. Never throws.
#pragma once
#include <optional>
#include <string_view>

#include "operator/webhook/admission_review.hpp"
#include "operator/webhook/injection_context.hpp"
#include "operator/webhook/workload_injector.hpp"

namespace peregrine::operator_webhook {

struct AdmissionResult {
  Json review;                              // the response AdmissionReview
  std::optional<AdmissionRequest> request;  // the parsed request, when the body was one
  std::optional<InjectionOutcome> outcome;  // when the injection rules ran
};

AdmissionResult review_admission(std::string_view body, const InjectionContext& context);

}  // namespace peregrine::operator_webhook
