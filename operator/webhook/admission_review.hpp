// AdmissionReview (admission.k8s.io/v1, and the identically shaped v1beta1) as plain data: parsing a request
// body into an AdmissionRequest, and building the response review (uid echoed, allowed, optional base64 JSON
// Patch with patchType JSONPatch, warnings). Pure; malformed input is reported, never thrown.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peregrine::operator_webhook {

using Json = nlohmann::json;

inline constexpr const char* kAdmissionV1 = "admission.k8s.io/v1";
inline constexpr const char* kAdmissionV1beta1 = "admission.k8s.io/v1beta1";

struct AdmissionRequest {
  std::string uid;
  std::string group;        // request.resource (the resource being admitted)
  std::string version;
  std::string resource;
  std::string sub_resource;
  std::string kind;         // request.kind.kind
  std::string name;
  std::string namespace_name;
  std::string operation;    // CREATE, UPDATE, DELETE, CONNECT
  Json object;              // null when absent
  Json old_object;
  bool dry_run = false;
};

struct ParsedAdmissionReview {
  std::string api_version = kAdmissionV1;  // the version to answer with
  std::string uid;                         // as far as it could be read (for the answer even when invalid)
  std::optional<AdmissionRequest> request; // nullopt when the body is not a usable AdmissionReview
  std::string error;                       // why not
};

ParsedAdmissionReview parse_admission_review(std::string_view body);

struct AdmissionResponse {
  std::string uid;
  bool allowed = true;
  Json patch = Json::array();  // JSON Patch operations; none → no patch in the answer
  std::vector<std::string> warnings;
};

// The response AdmissionReview document for `api_version` (v1 unless the request was v1beta1).
Json admission_review_response(const std::string& api_version, const AdmissionResponse& response);

}  // namespace peregrine::operator_webhook
