// The AdmissionReview v1 exchange with one webhook, as pure functions: the request document the double sends
// (uid, kind/resource/subResource as the webhook asked for them plus requestKind/requestResource as the client
// used them, name, namespace, operation, userInfo, options, object, oldObject, dryRun) and the strict reading of
// the answer (apiVersion/kind, echoed uid, allowed, status, warnings, base64 JSONPatch; a validating webhook may
// not patch).
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/kube-apiserver-double/resource_info.hpp"
#include "tests/kube-apiserver-double/webhook_configuration.hpp"

namespace peregrine::kubedouble {

// The identity the double's requests carry (it does no authentication).
inline constexpr const char* kAdmissionUser = "kubernetes-admin";

nlohmann::json admission_review_request(const std::string& uid, const AdmissionFacts& facts,
                                        const ResourceInfo& sent_as, const nlohmann::json& object,
                                        const nlohmann::json& old_object);

struct WebhookVerdict {
  bool allowed = false;
  int code = 0;  // response.status.code (denials)
  std::string reason;
  std::string message;
  std::optional<nlohmann::json> patch;  // the decoded JSONPatch document
  std::vector<std::string> warnings;
};

// Thrown when the answer is not a usable AdmissionReview (the webhook call counts as failed).
class WebhookProtocolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

WebhookVerdict read_admission_response(const std::string& uid, const std::string& body, bool mutating);

}  // namespace peregrine::kubedouble
