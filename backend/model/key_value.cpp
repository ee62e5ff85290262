// KeyValue helpers: type names, string rendering, equality.
#include "backend/model/key_value.hpp"

#include <charconv>
#include <cmath>

namespace peregrine::model {

const char* value_type_name(ValueType t) {
  switch (t) {
    case ValueType::String: return "string";
    case ValueType::Bool: return "bool";
    case ValueType::Int64: return "int64";
    case ValueType::Float64: return "float64";
    case ValueType::Binary: return "binary";
  }
  return "string";
}

std::string KeyValue::value_as_string() const {
  switch (type) {
    case ValueType::String: return str;
    case ValueType::Bool: return b ? "true" : "false";
    case ValueType::Int64: return std::to_string(i);
    case ValueType::Float64: {
      char buf[64];
      auto res = std::to_chars(buf, buf + sizeof buf, d);
      return std::string(buf, res.ptr);
    }
    case ValueType::Binary: {
      static constexpr char hex[] = "0123456789abcdef";
      std::string out;
      out.reserve(str.size() * 2);
      for (unsigned char c : str) {
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 0xF]);
      }
      return out;
    }
  }
  return str;
}

bool KeyValue::operator==(const KeyValue& o) const {
  if (key != o.key || type != o.type) return false;
  switch (type) {
    case ValueType::String:
    case ValueType::Binary: return str == o.str;
    case ValueType::Bool: return b == o.b;
    case ValueType::Int64: return i == o.i;
    case ValueType::Float64: return d == o.d || (std::isnan(d) && std::isnan(o.d));
  }
  return false;
}

}  // namespace peregrine::model
