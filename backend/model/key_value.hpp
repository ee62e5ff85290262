// Typed tag / log field: Jaeger's KeyValue with string, bool, int64, float64 and binary values.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace peregrine::model {

enum class ValueType : uint8_t { String = 0, Bool = 1, Int64 = 2, Float64 = 3, Binary = 4 };

const char* value_type_name(ValueType t);  // "string", "bool", "int64", "float64", "binary"

struct KeyValue {
  std::string key;
  ValueType type = ValueType::String;
  std::string str;  // String and Binary payloads
  union {
    bool b;
    int64_t i;
    double d;
  };

  KeyValue() : i(0) {}
  static KeyValue String(std::string k, std::string v) {
    KeyValue kv;
    kv.key = std::move(k);
    kv.type = ValueType::String;
    kv.str = std::move(v);
    return kv;
  }
  static KeyValue Bool(std::string k, bool v) {
    KeyValue kv;
    kv.key = std::move(k);
    kv.type = ValueType::Bool;
    kv.b = v;
    return kv;
  }
  static KeyValue Int64(std::string k, int64_t v) {
    KeyValue kv;
    kv.key = std::move(k);
    kv.type = ValueType::Int64;
    kv.i = v;
    return kv;
  }
  static KeyValue Float64(std::string k, double v) {
    KeyValue kv;
    kv.key = std::move(k);
    kv.type = ValueType::Float64;
    kv.d = v;
    return kv;
  }
  static KeyValue Binary(std::string k, std::string bytes) {
    KeyValue kv;
    kv.key = std::move(k);
    kv.type = ValueType::Binary;
    kv.str = std::move(bytes);
    return kv;
  }

  // The value rendered as Jaeger renders it for tag matching: strings as-is, bools "true"/"false",
  // ints decimal, floats shortest round-trip form, binary as lowercase hex.
  std::string value_as_string() const;

  bool operator==(const KeyValue& o) const;
};

using KeyValues = std::vector<KeyValue>;

}  // namespace peregrine::model
