// ApiError construction from HTTP answers and Status objects.
#include "operator/kube/api_error.hpp"

#include <array>
#include <utility>

namespace peregrine::kube {
namespace {

constexpr std::array<std::pair<StatusReason, std::string_view>, 19> kReasonNames{{
    {StatusReason::Unknown, ""},
    {StatusReason::BadRequest, "BadRequest"},
    {StatusReason::Unauthorized, "Unauthorized"},
    {StatusReason::Forbidden, "Forbidden"},
    {StatusReason::NotFound, "NotFound"},
    {StatusReason::AlreadyExists, "AlreadyExists"},
    {StatusReason::Conflict, "Conflict"},
    {StatusReason::Gone, "Gone"},
    {StatusReason::Expired, "Expired"},
    {StatusReason::Invalid, "Invalid"},
    {StatusReason::ServerTimeout, "ServerTimeout"},
    {StatusReason::Timeout, "Timeout"},
    {StatusReason::TooManyRequests, "TooManyRequests"},
    {StatusReason::MethodNotAllowed, "MethodNotAllowed"},
    {StatusReason::NotAcceptable, "NotAcceptable"},
    {StatusReason::RequestEntityTooLarge, "RequestEntityTooLarge"},
    {StatusReason::UnsupportedMediaType, "UnsupportedMediaType"},
    {StatusReason::InternalError, "InternalError"},
    {StatusReason::ServiceUnavailable, "ServiceUnavailable"},
}};

}  // namespace

std::string_view to_string(StatusReason reason) {
  for (const auto& [r, name] : kReasonNames) {
    if (r == reason) return name;
  }
  return "";
}

StatusReason parse_status_reason(std::string_view text) {
  if (text.empty()) return StatusReason::Unknown;
  for (const auto& [r, name] : kReasonNames) {
    if (name == text) return r;
  }
  return StatusReason::Unknown;
}

StatusReason reason_for_code(int http_code) {
  switch (http_code) {
    case 400: return StatusReason::BadRequest;
    case 401: return StatusReason::Unauthorized;
    case 403: return StatusReason::Forbidden;
    case 404: return StatusReason::NotFound;
    case 405: return StatusReason::MethodNotAllowed;
    case 406: return StatusReason::NotAcceptable;
    case 409: return StatusReason::Conflict;
    case 410: return StatusReason::Gone;
    case 413: return StatusReason::RequestEntityTooLarge;
    case 415: return StatusReason::UnsupportedMediaType;
    case 422: return StatusReason::Invalid;
    case 429: return StatusReason::TooManyRequests;
    case 500: return StatusReason::InternalError;
    case 503: return StatusReason::ServiceUnavailable;
    case 504: return StatusReason::Timeout;
    default: return StatusReason::Unknown;
  }
}

ApiError::ApiError(int http_code, StatusReason reason, std::string message, nlohmann::json status)
    : KubeError("kubernetes API error " + std::to_string(http_code) +
                (reason == StatusReason::Unknown ? std::string() : " " + std::string(to_string(reason))) + ": " +
                message),
      code_(http_code),
      reason_(reason),
      message_(std::move(message)),
      status_(std::move(status)) {}

ApiError ApiError::from_status(const nlohmann::json& status) {
  int code = 500;
  StatusReason reason = StatusReason::Unknown;
  std::string message;
  if (status.is_object()) {
    if (auto it = status.find("code"); it != status.end() && it->is_number_integer()) code = it->get<int>();
    if (auto it = status.find("reason"); it != status.end() && it->is_string()) {
      reason = parse_status_reason(it->get<std::string>());
    }
    if (auto it = status.find("message"); it != status.end() && it->is_string()) message = it->get<std::string>();
  }
  if (reason == StatusReason::Unknown) reason = reason_for_code(code);
  if (message.empty()) message = "status " + std::to_string(code);
  return ApiError(code, reason, std::move(message), status);
}

ApiError ApiError::from_response(int http_code, const std::string& body, const std::string& context) {
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_object() && parsed.value("kind", "") == "Status") {
    ApiError from_body = from_status(parsed);
    return ApiError(http_code, from_body.reason() == StatusReason::Unknown ? reason_for_code(http_code) : from_body.reason(),
                    context + ": " + from_body.message(), std::move(parsed));
  }
  std::string snippet = body.substr(0, 200);
  return ApiError(http_code, reason_for_code(http_code),
                  context + ": " + (snippet.empty() ? "HTTP " + std::to_string(http_code) : snippet));
}

int ApiError::retry_after_seconds() const {
  if (!status_.is_object()) return 0;
  auto details = status_.find("details");
  if (details == status_.end() || !details->is_object()) return 0;
  auto it = details->find("retryAfterSeconds");
  return it != details->end() && it->is_number_integer() ? it->get<int>() : 0;
}

bool ApiError::is_retryable() const {
  return code_ == 429 || code_ >= 500 || reason_ == StatusReason::ServerTimeout || reason_ == StatusReason::Timeout ||
         reason_ == StatusReason::TooManyRequests;
}

}  // namespace peregrine::kube
