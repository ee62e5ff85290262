// AdmissionReview v1 request building and response reading (see webhook_review.hpp).
#include "tests/kube-apiserver-double/webhook_review.hpp"

namespace peregrine::kubedouble {
namespace {

using nlohmann::json;

json group_version_kind(const ResourceInfo& info) {
  return {{"group", info.group}, {"version", info.version}, {"kind", info.kind}};
}

json group_version_resource(const ResourceInfo& info) {
  return {{"group", info.group}, {"version", info.version}, {"resource", info.plural}};
}

json as_version(json object, const ResourceInfo& info) {
  if (object.is_object()) {
    object["apiVersion"] = info.group_version();
    object["kind"] = info.kind;
  }
  return object;
}

const char* options_kind(const std::string& operation) {
  if (operation == "CREATE") return "CreateOptions";
  if (operation == "UPDATE") return "UpdateOptions";
  if (operation == "DELETE") return "DeleteOptions";
  return "";
}

}  // namespace

json admission_review_request(const std::string& uid, const AdmissionFacts& facts, const ResourceInfo& sent_as,
                              const json& object, const json& old_object) {
  json request{{"uid", uid},
               {"kind", group_version_kind(sent_as)},
               {"resource", group_version_resource(sent_as)},
               {"requestKind", group_version_kind(facts.resource)},
               {"requestResource", group_version_resource(facts.resource)},
               {"name", facts.name},
               {"operation", facts.operation},
               {"userInfo", {{"username", kAdmissionUser}, {"groups", {"system:masters", "system:authenticated"}}}},
               {"object", as_version(object, sent_as)},
               {"oldObject", as_version(old_object, sent_as)},
               {"dryRun", facts.dry_run}};
  if (!facts.ns.empty()) request["namespace"] = facts.ns;
  if (!facts.subresource.empty()) {
    request["subResource"] = facts.subresource;
    request["requestSubResource"] = facts.subresource;
  }
  if (const std::string kind = options_kind(facts.operation); !kind.empty()) {
    request["options"] = {{"apiVersion", "meta.k8s.io/v1"}, {"kind", kind}};
  }
  return {{"apiVersion", "admission.k8s.io/v1"}, {"kind", "AdmissionReview"}, {"request", std::move(request)}};
}

WebhookVerdict read_admission_response(const std::string& uid, const std::string& body, bool mutating) {
  json answer;
  try {
    answer = json::parse(body);
  } catch (const json::exception& e) {
    throw WebhookProtocolError(std::string("the response is not JSON: ") + e.what());
  }
  if (!answer.is_object() || answer.value("apiVersion", "") != "admission.k8s.io/v1" ||
      answer.value("kind", "") != "AdmissionReview") {
    throw WebhookProtocolError("expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got " +
                               (answer.is_object() ? answer.value("apiVersion", "") + ", Kind=" + answer.value("kind", "")
                                                   : std::string("a non-object")));
  }
  const json response = answer.value("response", json());
  if (!response.is_object()) throw WebhookProtocolError("webhook response was absent");
  if (response.value("uid", "") != uid) {
    throw WebhookProtocolError("expected response.uid=\"" + uid + "\", got \"" + response.value("uid", "") + "\"");
  }
  WebhookVerdict verdict;
  const json allowed = response.value("allowed", json());
  if (!allowed.is_boolean()) throw WebhookProtocolError("response.allowed is missing or not a boolean");
  verdict.allowed = allowed.get<bool>();
  if (const json status = response.value("status", json()); status.is_object()) {
    verdict.code = status.value("code", 0);
    verdict.reason = status.value("reason", "");
    verdict.message = status.value("message", "");
  }
  for (const auto& warning : response.value("warnings", json::array())) {
    if (warning.is_string()) verdict.warnings.push_back(warning.get<std::string>());
  }
  const bool has_patch = response.contains("patch") && !response["patch"].is_null();
  const std::string patch_type = response.value("patchType", "");
  if (!mutating && (has_patch || !patch_type.empty())) {
    throw WebhookProtocolError("validating webhook may not return response.patch or response.patchType");
  }
  if (has_patch) {
    if (patch_type != "JSONPatch") {
      throw WebhookProtocolError("webhook returned response.patch but not response.patchType (JSONPatch expected, got \"" +
                                 patch_type + "\")");
    }
    const auto decoded = response["patch"].is_string() ? decode_base64(response["patch"].get<std::string>()) : std::nullopt;
    if (!decoded) throw WebhookProtocolError("response.patch is not base64");
    try {
      verdict.patch = json::parse(*decoded);
    } catch (const json::exception& e) {
      throw WebhookProtocolError(std::string("response.patch is not a JSON document: ") + e.what());
    }
    if (!verdict.patch->is_array()) throw WebhookProtocolError("response.patch is not a JSON Patch (array)");
  } else if (!patch_type.empty()) {
    throw WebhookProtocolError("webhook returned response.patchType but not response.patch");
  }
  return verdict;
}

}  // namespace peregrine::kubedouble
