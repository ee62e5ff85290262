// Errors from the Kubernetes API. ApiError: the server answered with a non-2xx code (HTTP code + metav1.Status
// reason, message and the raw Status). TransportError: no usable answer (connect failure, TLS, timeout, reset).
// Both derive from KubeError so callers can catch either.
#pragma once
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace peregrine::kube {

// metav1.StatusReason values (Unknown when the body carries none and the code does not imply one).
enum class StatusReason {
  Unknown,
  BadRequest,
  Unauthorized,
  Forbidden,
  NotFound,
  AlreadyExists,
  Conflict,
  Gone,
  Expired,
  Invalid,
  ServerTimeout,
  Timeout,
  TooManyRequests,
  MethodNotAllowed,
  NotAcceptable,
  RequestEntityTooLarge,
  UnsupportedMediaType,
  InternalError,
  ServiceUnavailable,
};

std::string_view to_string(StatusReason reason);
StatusReason parse_status_reason(std::string_view text);
// The reason client-go infers from a bare HTTP code when the body has no Status.
StatusReason reason_for_code(int http_code);

class KubeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ApiError : public KubeError {
 public:
  ApiError(int http_code, StatusReason reason, std::string message, nlohmann::json status = nullptr);

  // From an HTTP answer: parses a metav1.Status body when there is one, else infers the reason from the code.
  static ApiError from_response(int http_code, const std::string& body, const std::string& context);
  // From a metav1.Status object (e.g. the object of a watch ERROR event).
  static ApiError from_status(const nlohmann::json& status);

  int code() const { return code_; }
  StatusReason reason() const { return reason_; }
  const std::string& message() const { return message_; }
  const nlohmann::json& status() const { return status_; }
  // status.details.retryAfterSeconds, or 0.
  int retry_after_seconds() const;

  bool is_not_found() const { return reason_ == StatusReason::NotFound; }
  bool is_already_exists() const { return reason_ == StatusReason::AlreadyExists; }
  bool is_conflict() const { return reason_ == StatusReason::Conflict; }
  bool is_invalid() const { return reason_ == StatusReason::Invalid; }
  // 410: an expired resourceVersion / continue token (reason Gone or Expired) — the caller must relist.
  bool is_gone() const { return code_ == 410 || reason_ == StatusReason::Gone || reason_ == StatusReason::Expired; }
  // Throttling, timeouts and 5xx: worth retrying with back-off.
  bool is_retryable() const;

 private:
  int code_;
  StatusReason reason_;
  std::string message_;
  nlohmann::json status_;
};

class TransportError : public KubeError {
 public:
  using KubeError::KubeError;
};

}  // namespace peregrine::kube
