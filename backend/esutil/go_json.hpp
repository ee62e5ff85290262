// Go encoding/json-compatible text rendering, so documents Peregrine writes to Elasticsearch are byte-for-byte
// what Jaeger (a Go program) would write: string escaping (HTML-safe \u003c \u003e \u0026, \u2028 \u2029,
// invalid UTF-8 → \ufffd), float64 values (shortest round-trip, Go's exponent rules) and Jaeger's
// KeyValue.AsString() float form (strconv 'g' with 10 significant digits).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace peregrine::esutil {

// Appends s as a quoted JSON string exactly like Go's json.Marshal.
void append_json_string(std::string& out, std::string_view s);

// Appends a signed / unsigned decimal integer.
void append_int(std::string& out, int64_t v);
void append_uint(std::string& out, uint64_t v);

// Go json.Marshal of a float64: shortest representation, 'f' form unless |v| < 1e-6 or |v| >= 1e21, then
// 'e' form with a minimal exponent ("1e-7", "1e+21"). Returns false (appends nothing) for NaN and ±Inf,
// which Go refuses to marshal.
bool append_json_float(std::string& out, double v);

// strconv.FormatFloat(v, 'g', 10, 64): Jaeger's string form of float64 tag values ("72.5", "1e+21", "NaN",
// "+Inf", "-Inf").
std::string go_format_float_g10(double v);

// Lowercase hex of bytes (Jaeger's form of binary tag values).
std::string hex_encode(std::string_view bytes);

}  // namespace peregrine::esutil
