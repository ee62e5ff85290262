// metav1.Status construction.
#include "tests/kube-apiserver-double/api_status.hpp"

namespace peregrine::kubedouble {

ApiServerError::ApiServerError(int code, std::string reason, std::string message, nlohmann::json details)
    : std::runtime_error(message), code_(code), reason_(std::move(reason)), message_(std::move(message)),
      details_(std::move(details)) {}

nlohmann::json ApiServerError::status() const { return make_status(code_, reason_, message_, details_); }

nlohmann::json make_status(int code, const std::string& reason, const std::string& message,
                           const nlohmann::json& details) {
  nlohmann::json status = {{"kind", "Status"},
                           {"apiVersion", "v1"},
                           {"metadata", nlohmann::json::object()},
                           {"status", code >= 200 && code < 300 ? "Success" : "Failure"},
                           {"code", code}};
  if (!message.empty()) status["message"] = message;
  if (!reason.empty()) status["reason"] = reason;
  if (!details.is_null()) status["details"] = details;
  return status;
}

namespace {

nlohmann::json details_for(const ResourceInfo& info, const std::string& name) {
  nlohmann::json d = {{"name", name}, {"kind", info.plural}};
  if (!info.group.empty()) d["group"] = info.group;
  return d;
}

}  // namespace

ApiServerError not_found(const ResourceInfo& info, const std::string& name) {
  return ApiServerError(404, "NotFound", info.group_resource() + " \"" + name + "\" not found", details_for(info, name));
}

ApiServerError namespace_not_found(const std::string& ns) {
  return ApiServerError(404, "NotFound", "namespaces \"" + ns + "\" not found",
                        {{"name", ns}, {"kind", "namespaces"}});
}

ApiServerError already_exists(const ResourceInfo& info, const std::string& name) {
  return ApiServerError(409, "AlreadyExists", info.group_resource() + " \"" + name + "\" already exists",
                        details_for(info, name));
}

ApiServerError conflict(const ResourceInfo& info, const std::string& name, const std::string& why) {
  return ApiServerError(409, "Conflict",
                        "Operation cannot be fulfilled on " + info.group_resource() + " \"" + name + "\": " + why,
                        details_for(info, name));
}

ApiServerError invalid(const ResourceInfo& info, const std::string& name, const std::string& field,
                       const std::string& detail) {
  nlohmann::json details = {{"name", name}, {"kind", info.kind},
                            {"causes", {{{"reason", "FieldValueInvalid"}, {"message", detail}, {"field", field}}}}};
  if (!info.group.empty()) details["group"] = info.group;
  return ApiServerError(422, "Invalid", info.group_kind() + " \"" + name + "\" is invalid: " + field + ": " + detail,
                        details);
}

ApiServerError bad_request(const std::string& message) { return ApiServerError(400, "BadRequest", message); }

ApiServerError resource_not_found_path() {
  return ApiServerError(404, "NotFound", "the server could not find the requested resource");
}

ApiServerError method_not_allowed(const std::string& method, const std::string& path) {
  return ApiServerError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource (" +
                                                     method + " " + path + ")");
}

ApiServerError expired(const std::string& message) { return ApiServerError(410, "Expired", message); }

ApiServerError unsupported_media_type(const std::string& content_type) {
  return ApiServerError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got " + content_type + ")");
}

}  // namespace peregrine::kubedouble
