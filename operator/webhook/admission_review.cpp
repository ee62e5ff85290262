// AdmissionReview parsing and response building (see admission_review.hpp).
#include "operator/webhook/admission_review.hpp"

#include <algorithm>

#include "backend/common/json_nesting.hpp"
#include "operator/kube/base64.hpp"

namespace peregrine::operator_webhook {

namespace {

std::string string_field(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

const Json& object_field(const Json& object, const char* key) {
  static const Json null_json;
  if (!object.is_object()) return null_json;
  auto it = object.find(key);
  return it != object.end() ? *it : null_json;
}

constexpr std::size_t kMaxNestingDepth = 256;

}  // namespace

ParsedAdmissionReview parse_admission_review(std::string_view body) {
  ParsedAdmissionReview parsed;
  if (common::json_nesting_depth(body) > kMaxNestingDepth) {
    parsed.error = "the body nests deeper than " + std::to_string(kMaxNestingDepth) + " levels";
    return parsed;
  }
  Json review = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (review.is_discarded()) {
    parsed.error = "the body is not JSON";
    return parsed;
  }
  if (!review.is_object()) {
    parsed.error = "the body is not a JSON object";
    return parsed;
  }
  const std::string api_version = string_field(review, "apiVersion");
  if (api_version == kAdmissionV1beta1) parsed.api_version = kAdmissionV1beta1;
  const Json& request = object_field(review, "request");
  parsed.uid = string_field(request, "uid");
  if (string_field(review, "kind") != "AdmissionReview" ||
      (api_version != kAdmissionV1 && api_version != kAdmissionV1beta1)) {
    parsed.error = "not an admission.k8s.io/v1 AdmissionReview (apiVersion \"" + api_version + "\", kind \"" +
                   string_field(review, "kind") + "\")";
    return parsed;
  }
  if (!request.is_object()) {
    parsed.error = "the AdmissionReview has no request";
    return parsed;
  }
  if (parsed.uid.empty()) {
    parsed.error = "the AdmissionReview request has no uid";
    return parsed;
  }
  AdmissionRequest out;
  out.uid = parsed.uid;
  const Json& resource = object_field(request, "resource");
  out.group = string_field(resource, "group");
  out.version = string_field(resource, "version");
  out.resource = string_field(resource, "resource");
  out.sub_resource = string_field(request, "subResource");
  out.kind = string_field(object_field(request, "kind"), "kind");
  out.name = string_field(request, "name");
  out.namespace_name = string_field(request, "namespace");
  out.operation = string_field(request, "operation");
  out.object = object_field(request, "object");
  out.old_object = object_field(request, "oldObject");
  const Json& dry_run = object_field(request, "dryRun");
  out.dry_run = dry_run.is_boolean() && dry_run.get<bool>();
  parsed.request = std::move(out);
  return parsed;
}

Json admission_review_response(const std::string& api_version, const AdmissionResponse& response) {
  Json answer{{"uid", response.uid}, {"allowed", response.allowed}};
  if (!response.patch.empty()) {
    answer["patchType"] = "JSONPatch";
    answer["patch"] = kube::base64_encode(response.patch.dump());
  }
  if (!response.warnings.empty()) answer["warnings"] = response.warnings;
  return {{"apiVersion", api_version == kAdmissionV1beta1 ? kAdmissionV1beta1 : kAdmissionV1},
          {"kind", "AdmissionReview"},
          {"response", std::move(answer)}};
}

}  // namespace peregrine::operator_webhook
