// JSON error bodies shared by HTTP plumbing: {"errors":[{"code":N,"msg":"..."}]}, the shape Jaeger's APIs
// use for failures.
#pragma once
#include <string>

#include "backend/common/http_types.hpp"

namespace peregrine::common {

// {"errors":[{"code":status,"msg":message}]} with proper JSON escaping.
std::string json_error_body(int status, const std::string& message);
// HttpResponse::json(status, json_error_body(status, message)).
HttpResponse json_error(int status, const std::string& message);

}  // namespace peregrine::common
