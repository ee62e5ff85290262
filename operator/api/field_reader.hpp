// Typed, path-aware reads from a JSON object: each getter checks the JSON type and records a clear message
// ("spec.collector.replicas: expected an integer, got a string") instead of throwing.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "operator/api/jaeger_types.hpp"

namespace peregrine::operator_api {

class FieldReader {
 public:
  // `object` may be null (treated as an empty object); anything else that is not an object is an error.
  FieldReader(const Json& object, std::string path, std::vector<std::string>& errors);

  std::string string(std::string_view key);
  std::optional<std::string> optional_string(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<std::int32_t> int32(std::string_view key, std::int32_t min = 0);
  // A JSON object passed through unchanged (nullopt when absent).
  std::optional<Json> object(std::string_view key);
  // A JSON array whose items must all be objects (empty when absent).
  Json object_list(std::string_view key);
  std::vector<std::string> string_list(std::string_view key);
  StringMap string_map(std::string_view key);
  Options options(std::string_view key);
  // A nested reader for `key` (empty when absent).
  FieldReader child(std::string_view key);
  // Raw value (null when absent).
  const Json& raw(std::string_view key) const;

  std::string path_of(std::string_view key) const;
  std::vector<std::string>& errors() { return errors_; }

 private:
  void type_error(std::string_view key, std::string_view expected, const Json& got);

  const Json* object_;
  std::string path_;
  std::vector<std::string>& errors_;
};

// "a string", "an integer", ... for messages.
std::string_view json_type_phrase(const Json& value);

}  // namespace peregrine::operator_api
