// UTC calendar arithmetic on Unix timestamps (no time zones, no libc state): breaking µs timestamps into
// date/hour for index names and rendering RFC 3339 strings like Go's time.Time JSON form.
#pragma once
#include <cstdint>
#include <string>

namespace peregrine::esutil {

struct CivilTime {
  int64_t year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  int64_t micros = 0;  // 0..999999
};

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
int64_t days_from_civil(int64_t year, int month, int day);
CivilTime civil_from_unix_micros(int64_t unix_us);
int64_t unix_micros_from_civil(const CivilTime& t);

// Go's RFC3339Nano form in UTC: "2024-01-02T03:04:05.5Z" (fraction trimmed of trailing zeros, omitted when 0).
std::string format_rfc3339(int64_t unix_us);
// Parses "YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)". Returns false on malformed input.
bool parse_rfc3339(const std::string& s, int64_t* unix_us);

}  // namespace peregrine::esutil
