// JSON error bodies for HTTP failures (404/405/413/500...).
#include "backend/common/http_error.hpp"

#include <nlohmann/json.hpp>

namespace peregrine::common {

std::string json_error_body(int status, const std::string& message) {
  nlohmann::json error = {{"code", status}, {"msg", message}};
  nlohmann::json body = {{"errors", nlohmann::json::array({error})}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

HttpResponse json_error(int status, const std::string& message) {
  return HttpResponse::json(status, json_error_body(status, message));
}

}  // namespace peregrine::common
