// ApiServerError: a refusal the double answers with a metav1.Status body (code, reason, message, details),
// worded like the real API server's. Factories for the reasons the double produces.
#pragma once
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "tests/kube-apiserver-double/resource_info.hpp"

namespace peregrine::kubedouble {

class ApiServerError : public std::runtime_error {
 public:
  ApiServerError(int code, std::string reason, std::string message, nlohmann::json details = nullptr);
  int code() const { return code_; }
  const std::string& reason() const { return reason_; }
  const std::string& message() const { return message_; }
  // The metav1.Status document.
  nlohmann::json status() const;

 private:
  int code_;
  std::string reason_;
  std::string message_;
  nlohmann::json details_;
};

// {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success"|"Failure",...}
nlohmann::json make_status(int code, const std::string& reason, const std::string& message,
                           const nlohmann::json& details = nullptr);

ApiServerError not_found(const ResourceInfo& info, const std::string& name);
ApiServerError namespace_not_found(const std::string& ns);
ApiServerError already_exists(const ResourceInfo& info, const std::string& name);
ApiServerError conflict(const ResourceInfo& info, const std::string& name, const std::string& why);
// 422 Invalid: `<Kind.group> "<name>" is invalid: <field>: <detail>`.
ApiServerError invalid(const ResourceInfo& info, const std::string& name, const std::string& field,
                       const std::string& detail);
ApiServerError bad_request(const std::string& message);
ApiServerError resource_not_found_path();  // "the server could not find the requested resource"
ApiServerError method_not_allowed(const std::string& method, const std::string& path);
ApiServerError expired(const std::string& message);  // 410 Expired
ApiServerError unsupported_media_type(const std::string& content_type);

}  // namespace peregrine::kubedouble
