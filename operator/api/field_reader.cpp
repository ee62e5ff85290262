// Typed JSON field access with error collection, used by the CR parser.
#include "operator/api/field_reader.hpp"

#include <cmath>

namespace peregrine::operator_api {

namespace {

const Json& null_json() {
  static const Json kNull;
  return kNull;
}

}  // namespace

std::string_view json_type_phrase(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "a map";
    case Json::value_t::array:
      return "a list";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_float:
      return "a decimal number";
    default:
      return "an integer";
  }
}

FieldReader::FieldReader(const Json& object, std::string path, std::vector<std::string>& errors)
    : object_(&object), path_(std::move(path)), errors_(errors) {
  if (!object.is_null() && !object.is_object()) {
    errors_.push_back(path_ + ": expected a map, got " + std::string(json_type_phrase(object)));
    object_ = &null_json();
  }
}

std::string FieldReader::path_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void FieldReader::type_error(std::string_view key, std::string_view expected, const Json& got) {
  errors_.push_back(path_of(key) + ": expected " + std::string(expected) + ", got " +
                    std::string(json_type_phrase(got)));
}

const Json& FieldReader::raw(std::string_view key) const {
  if (!object_->is_object()) return null_json();
  auto it = object_->find(key);
  return it == object_->end() ? null_json() : *it;
}

std::string FieldReader::string(std::string_view key) { return optional_string(key).value_or(""); }

std::optional<std::string> FieldReader::optional_string(std::string_view key) {
  const Json& value = raw(key);
  if (value.is_null()) return std::nullopt;
  if (!value.is_string()) {
    type_error(key, "a string", value);
    return std::nullopt;
  }
  return value.get<std::string>();
}

std::optional<bool> FieldReader::boolean(std::string_view key) {
  const Json& value = raw(key);
  if (value.is_null()) return std::nullopt;
  if (!value.is_boolean()) {
    type_error(key, "a boolean (true or false)", value);
    return std::nullopt;
  }
  return value.get<bool>();
}

std::optional<std::int64_t> FieldReader::integer(std::string_view key, std::int64_t min, std::int64_t max) {
  const Json& value = raw(key);
  if (value.is_null()) return std::nullopt;
  std::optional<std::int64_t> number;
  if (value.is_number_integer()) {
    number = value.get<std::int64_t>();
  } else if (value.is_number_unsigned()) {
    auto unsigned_value = value.get<std::uint64_t>();
    if (unsigned_value <= static_cast<std::uint64_t>(INT64_MAX)) number = static_cast<std::int64_t>(unsigned_value);
  } else {
    type_error(key, "an integer", value);
    return std::nullopt;
  }
  if (!number || *number < min || *number > max) {
    errors_.push_back(path_of(key) + ": must be between " + std::to_string(min) + " and " + std::to_string(max) +
                      ", got " + value.dump());
    return std::nullopt;
  }
  return number;
}

std::optional<std::int32_t> FieldReader::int32(std::string_view key, std::int32_t min) {
  auto number = integer(key, min, INT32_MAX);
  if (!number) return std::nullopt;
  return static_cast<std::int32_t>(*number);
}

std::optional<Json> FieldReader::object(std::string_view key) {
  const Json& value = raw(key);
  if (value.is_null()) return std::nullopt;
  if (!value.is_object()) {
    type_error(key, "a map", value);
    return std::nullopt;
  }
  return value;
}

Json FieldReader::object_list(std::string_view key) {
  const Json& value = raw(key);
  if (value.is_null()) return Json::array();
  if (!value.is_array()) {
    type_error(key, "a list", value);
    return Json::array();
  }
  Json items = Json::array();
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_object()) {
      errors_.push_back(path_of(key) + "[" + std::to_string(i) + "]: expected a map, got " +
                        std::string(json_type_phrase(value[i])));
      continue;
    }
    items.push_back(value[i]);
  }
  return items;
}

std::vector<std::string> FieldReader::string_list(std::string_view key) {
  const Json& value = raw(key);
  std::vector<std::string> items;
  if (value.is_null()) return items;
  if (!value.is_array()) {
    type_error(key, "a list of strings", value);
    return items;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_string()) {
      errors_.push_back(path_of(key) + "[" + std::to_string(i) + "]: expected a string, got " +
                        std::string(json_type_phrase(value[i])));
      continue;
    }
    items.push_back(value[i].get<std::string>());
  }
  return items;
}

StringMap FieldReader::string_map(std::string_view key) {
  const Json& value = raw(key);
  StringMap map;
  if (value.is_null()) return map;
  if (!value.is_object()) {
    type_error(key, "a map of strings", value);
    return map;
  }
  for (const auto& [entry_key, entry] : value.items()) {
    if (entry.is_null()) continue;
    if (!entry.is_string()) {
      errors_.push_back(path_of(key) + "." + entry_key + ": expected a string, got " +
                        std::string(json_type_phrase(entry)) + " (quote the value)");
      continue;
    }
    map.emplace(entry_key, entry.get<std::string>());
  }
  return map;
}

Options FieldReader::options(std::string_view key) { return Options::from_json(raw(key), path_of(key), errors_); }

FieldReader FieldReader::child(std::string_view key) { return FieldReader(raw(key), path_of(key), errors_); }

}  // namespace peregrine::operator_api
