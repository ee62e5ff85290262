// JsonWriter: appends JSON text exactly as Go's encoding/json writes it, so Peregrine's query API responses are
// byte-compatible with Jaeger's: HTML-safe string escaping (<, >, & as \u003c \u003e \u0026, U+2028/2029
// escaped, invalid UTF-8 as \ufffd), floats in Go's shortest form ('f' notation unless the exponent is < -6 or
// ≥ 21, then 'e' with "e-7" rather than "e-07"). Compact output; indent_json() gives json.MarshalIndent's layout.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace peregrine::convert {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view name);

  void string(std::string_view s);
  void int64(int64_t v);
  void uint64(uint64_t v);
  void float64(double v);  // NaN / ±Inf (not valid JSON) are written as the strings "NaN", "+Inf", "-Inf"
  void boolean(bool v);
  void null();
  // A value that is already JSON text.
  void raw(std::string_view json);

 private:
  void before_value();

  std::string& out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// Appends s as a quoted JSON string (Go escaping rules, see above).
void append_json_string(std::string& out, std::string_view s);
// Go's float64 JSON rendering (finite values only).
void append_json_float(std::string& out, double v);
// Re-indents compact JSON the way Go's json.MarshalIndent(v, "", indent) lays it out.
std::string indent_json(std::string_view compact, std::string_view indent);

}  // namespace peregrine::convert
