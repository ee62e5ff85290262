// Elasticsearch-style error rendering (see es_errors.hpp).
#include "tests/es-double/es_errors.hpp"

#include <nlohmann/json.hpp>

namespace peregrine::esdouble {

void parsing_error(const std::string& reason) { throw EsException(400, "parsing_exception", reason); }
void illegal_argument(const std::string& reason) { throw EsException(400, "illegal_argument_exception", reason); }
void index_not_found(const std::string& index) {
  throw EsException(404, "index_not_found_exception", "no such index [" + index + "]");
}

std::string error_body(int status, const std::string& type, const std::string& reason) {
  nlohmann::ordered_json cause{{"type", type}, {"reason", reason}};
  nlohmann::ordered_json body{
      {"error", {{"root_cause", nlohmann::ordered_json::array({cause})}, {"type", type}, {"reason", reason}}},
      {"status", status}};
  return body.dump();
}

}  // namespace peregrine::esdouble
