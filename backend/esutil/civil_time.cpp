// UTC calendar arithmetic (see civil_time.hpp). The day-count conversion is the classic era-based
// proleptic Gregorian algorithm (400-year eras of 146097 days).
#include "backend/esutil/civil_time.hpp"

#include <cstdio>

namespace peregrine::esutil {

namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kSecondsPerDay = 86'400;

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

bool read_digits(const std::string& s, size_t& pos, int count, int64_t* out) {
  if (pos + static_cast<size_t>(count) > s.size()) return false;
  int64_t v = 0;
  for (int i = 0; i < count; ++i) {
    char c = s[pos + static_cast<size_t>(i)];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += static_cast<size_t>(count);
  *out = v;
  return true;
}

bool expect(const std::string& s, size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

int64_t days_from_civil(int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int64_t era = floor_div(year, 400);
  const int64_t yoe = year - era * 400;                                      // [0, 399]
  const int64_t mp = (month + 9) % 12;                                       // March = 0
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;                          // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                 // [0, 146096]
  return era * 146097 + doe - 719468;
}

CivilTime civil_from_unix_micros(int64_t unix_us) {
  CivilTime t;
  const int64_t secs = floor_div(unix_us, kMicrosPerSecond);
  t.micros = unix_us - secs * kMicrosPerSecond;
  const int64_t days = floor_div(secs, kSecondsPerDay);
  int64_t sod = secs - days * kSecondsPerDay;
  t.hour = static_cast<int>(sod / 3600);
  t.minute = static_cast<int>((sod % 3600) / 60);
  t.second = static_cast<int>(sod % 60);

  const int64_t z = days + 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  t.year = yoe + era * 400 + (t.month <= 2 ? 1 : 0);
  return t;
}

int64_t unix_micros_from_civil(const CivilTime& t) {
  const int64_t days = days_from_civil(t.year, t.month, t.day);
  const int64_t secs = days * kSecondsPerDay + t.hour * 3600 + t.minute * 60 + t.second;
  return secs * kMicrosPerSecond + t.micros;
}

std::string format_rfc3339(int64_t unix_us) {
  const CivilTime t = civil_from_unix_micros(unix_us);
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d", static_cast<long long>(t.year),
                        t.month, t.day, t.hour, t.minute, t.second);
  std::string out(buf, static_cast<size_t>(n));
  if (t.micros != 0) {
    char frac[8];
    std::snprintf(frac, sizeof frac, "%06lld", static_cast<long long>(t.micros));
    std::string f(frac);
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += '.';
    out += f;
  }
  out += 'Z';
  return out;
}

bool parse_rfc3339(const std::string& s, int64_t* unix_us) {
  size_t pos = 0;
  int64_t year, month, day, hour, minute, second;
  if (!read_digits(s, pos, 4, &year) || !expect(s, pos, '-') || !read_digits(s, pos, 2, &month) ||
      !expect(s, pos, '-') || !read_digits(s, pos, 2, &day))
    return false;
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return false;
  ++pos;
  if (!read_digits(s, pos, 2, &hour) || !expect(s, pos, ':') || !read_digits(s, pos, 2, &minute) ||
      !expect(s, pos, ':') || !read_digits(s, pos, 2, &second))
    return false;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return false;
  int64_t micros = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 6) micros = micros * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return false;
    for (int d = digits; d < 6; ++d) micros *= 10;
  }
  int64_t offset_secs = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int64_t oh, om;
    if (!read_digits(s, pos, 2, &oh) || !expect(s, pos, ':') || !read_digits(s, pos, 2, &om)) return false;
    offset_secs = sign * (oh * 3600 + om * 60);
  } else {
    return false;
  }
  if (pos != s.size()) return false;
  CivilTime t;
  t.year = year;
  t.month = static_cast<int>(month);
  t.day = static_cast<int>(day);
  t.hour = static_cast<int>(hour);
  t.minute = static_cast<int>(minute);
  t.second = static_cast<int>(second);
  t.micros = micros;
  *unix_us = unix_micros_from_civil(t) - offset_secs * kMicrosPerSecond;
  return true;
}

}  // namespace peregrine::esutil
