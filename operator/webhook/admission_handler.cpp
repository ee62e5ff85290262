// AdmissionReview handling for sidecar injection (see admission_handler.hpp).
#include "operator/webhook/admission_handler.hpp"

#include <exception>

#include "operator/webhook/injection_constants.hpp"

namespace peregrine::operator_webhook {

namespace {

constexpr const char* kWarningPrefix = "peregrine-operator sidecar injection: ";

AdmissionResult allowed(const std::string& api_version, const std::string& uid, std::optional<std::string> warning) {
  AdmissionResponse response;
  response.uid = uid;
  if (warning) response.warnings.push_back(kWarningPrefix + *warning);
  AdmissionResult result;
  result.review = admission_review_response(api_version, response);
  return result;
}

AdmissionResult review_request(const ParsedAdmissionReview& parsed, const InjectionContext& context) {
  const AdmissionRequest& request = *parsed.request;
  if (request.operation != "CREATE" && request.operation != "UPDATE") {
    return allowed(parsed.api_version, request.uid, std::nullopt);
  }
  if (!request.sub_resource.empty()) return allowed(parsed.api_version, request.uid, std::nullopt);
  const auto kind = workload_kind_of_resource(request.group, request.version, request.resource);
  if (!kind) {
    return allowed(parsed.api_version, request.uid,
                   "unexpected resource " + request.group + "/" + request.version + "/" + request.resource +
                       ", left unchanged");
  }
  if (!request.object.is_object()) {
    return allowed(parsed.api_version, request.uid, std::string("the request carries no object, left unchanged"));
  }
  std::string ns = request.namespace_name;
  if (ns.empty()) ns = metadata_string(request.object, "namespace");
  if (!context.watches_namespace(ns)) return allowed(parsed.api_version, request.uid, std::nullopt);
  if (!context.ready()) {
    return allowed(parsed.api_version, request.uid,
                   std::string("the operator is starting, the workload is reconciled once it is ready"));
  }

  // The API server sends the object in the requested version; a missing apiVersion/kind would only hide it
  // from the rules.
  Json object = request.object;
  if (!object.contains("apiVersion")) object["apiVersion"] = workload_kind_info(*kind).gvr.api_version();
  if (!object.contains("kind")) object["kind"] = workload_kind_info(*kind).kind_name;

  const std::vector<AgentProfile> instances = context.jaeger_instances();
  InjectionOutcome outcome =
      evaluate_injection(InjectionInput{object, ns, context.namespace_annotations(ns), instances});
  // The patch applies to the object as sent: drop the apiVersion/kind filled in above again.
  if (object != request.object) {
    for (const char* key : {"apiVersion", "kind"}) {
      if (!request.object.contains(key)) outcome.mutated.erase(key);
    }
    outcome.patch = Json::diff(request.object, outcome.mutated);
  }

  AdmissionResponse response;
  response.uid = request.uid;
  response.patch = outcome.patch;
  if (outcome.decision.warning) {
    response.warnings.push_back(kWarningPrefix + std::string(kInjectAnnotation) + ": " + outcome.decision.reason);
  }
  AdmissionResult result;
  result.review = admission_review_response(parsed.api_version, response);
  result.request = request;
  result.outcome = std::move(outcome);
  return result;
}

}  // namespace

AdmissionResult review_admission(std::string_view body, const InjectionContext& context) {
  ParsedAdmissionReview parsed;
  try {
    parsed = parse_admission_review(body);
    if (!parsed.request) return allowed(parsed.api_version, parsed.uid, parsed.error);
    return review_request(parsed, context);
  } catch (const std::exception& e) {
    return allowed(parsed.api_version, parsed.uid, std::string("internal error, left unchanged: ") + e.what());
  } catch (...) {
    return allowed(parsed.api_version, parsed.uid, std::string("internal error, left unchanged"));
  }
}

}  // namespace peregrine::operator_webhook
