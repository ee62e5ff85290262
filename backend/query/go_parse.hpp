// Parsers for API parameters that report errors with the same text as the Go functions Jaeger uses
// (strconv.ParseInt, strconv.ParseBool, model.TraceIDFromString, time.Parse(RFC3339Nano)), so error responses
// match Jaeger's. Each returns the value or sets *error.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "backend/model/ids.hpp"

namespace peregrine::query {

// strconv.Quote-like quoting used inside Go error messages.
std::string go_quote(std::string_view s);

// strconv.ParseInt(s, 10, bits).  Error: `strconv.ParseInt: parsing "x": invalid syntax` / `value out of range`.
std::optional<int64_t> go_parse_int(std::string_view s, int bits, std::string* error);
// strconv.Atoi (same rules, error prefix "strconv.Atoi").
std::optional<int64_t> go_atoi(std::string_view s, std::string* error);
// strconv.ParseBool: 1 t T TRUE true True 0 f F FALSE false False.
std::optional<bool> go_parse_bool(std::string_view s);
// model.TraceIDFromString: 1..32 hex digits.
std::optional<model::TraceID> go_parse_trace_id(std::string_view s, std::string* error);
// time.Parse(time.RFC3339Nano, s) → µs since the Unix epoch (sub-µs digits truncated).
std::optional<int64_t> go_parse_rfc3339(std::string_view s, std::string* error);
// time.ParseDuration → nanoseconds (via common::parse_go_duration); error text from that parser.
std::optional<int64_t> go_parse_duration_ns(const std::string& s, std::string* error);

}  // namespace peregrine::query
