// Elasticsearch-style errors of the test double: an exception carrying HTTP status, error type and reason,
// rendered as Elasticsearch renders them:
// {"error":{"root_cause":[{"type":…,"reason":…}],"type":…,"reason":…},"status":N}.
#pragma once
#include <stdexcept>
#include <string>

namespace peregrine::esdouble {

class EsException : public std::runtime_error {
 public:
  EsException(int status, std::string type, const std::string& reason)
      : std::runtime_error(reason), status_(status), type_(std::move(type)) {}
  int status() const { return status_; }
  const std::string& type() const { return type_; }

 private:
  int status_;
  std::string type_;
};

// 400 parsing_exception / illegal_argument_exception helpers.
[[noreturn]] void parsing_error(const std::string& reason);
[[noreturn]] void illegal_argument(const std::string& reason);
[[noreturn]] void index_not_found(const std::string& index);

std::string error_body(int status, const std::string& type, const std::string& reason);

}  // namespace peregrine::esdouble
