// Errors from Elasticsearch requests: EsError carries the HTTP status and the error type / reason parsed
// from Elasticsearch's error body ({"error":{"type":…,"reason":…},"status":…}).
#pragma once
#include <stdexcept>
#include <string>

#include "backend/esutil/es_http_client.hpp"

namespace peregrine::esutil {

struct EsErrorInfo {
  std::string type;    // e.g. "resource_already_exists_exception" ("" when the body is not an ES error)
  std::string reason;
};

// Extracts error.type / error.reason from an Elasticsearch error body (tolerates any other body).
EsErrorInfo parse_error_body(const std::string& body);

class EsError : public std::runtime_error {
 public:
  EsError(const std::string& what_prefix, const EsResponse& resp);
  long status() const { return status_; }
  const EsErrorInfo& info() const { return info_; }
  bool transport_failure() const { return transport_failure_; }

 private:
  long status_;
  EsErrorInfo info_;
  bool transport_failure_;
};

// Throws EsError("<what>: …") unless resp.ok().
void throw_unless_ok(const EsResponse& resp, const std::string& what);

}  // namespace peregrine::esutil
