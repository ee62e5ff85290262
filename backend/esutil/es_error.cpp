// Elasticsearch error parsing (see es_error.hpp).
#include "backend/esutil/es_error.hpp"

#include <nlohmann/json.hpp>

namespace peregrine::esutil {

EsErrorInfo parse_error_body(const std::string& body) {
  EsErrorInfo info;
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("error")) return info;
  const auto& e = j["error"];
  if (e.is_string()) {
    info.reason = e.get<std::string>();
    return info;
  }
  if (!e.is_object()) return info;
  if (e.contains("type") && e["type"].is_string()) info.type = e["type"].get<std::string>();
  if (e.contains("reason") && e["reason"].is_string()) info.reason = e["reason"].get<std::string>();
  return info;
}

namespace {

std::string message(const std::string& prefix, const EsResponse& resp, const EsErrorInfo& info) {
  if (!resp.transport_error.empty()) return prefix + ": " + resp.transport_error;
  if (!info.type.empty()) return prefix + ": HTTP " + std::to_string(resp.status) + " " + info.type + ": " + info.reason;
  return prefix + ": " + resp.describe();
}

}  // namespace

EsError::EsError(const std::string& what_prefix, const EsResponse& resp)
    : std::runtime_error(message(what_prefix, resp, parse_error_body(resp.body))),
      status_(resp.status),
      info_(parse_error_body(resp.body)),
      transport_failure_(!resp.transport_error.empty()) {}

void throw_unless_ok(const EsResponse& resp, const std::string& what) {
  if (!resp.ok()) throw EsError(what, resp);
}

}  // namespace peregrine::esutil
