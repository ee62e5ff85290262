// Go-compatible parameter parsing (see go_parse.hpp).
#include "backend/query/go_parse.hpp"

#include <limits>
#include <stdexcept>

#include "backend/common/config.hpp"

namespace peregrine::query {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string num_error(const char* fn, std::string_view s, const char* what) {
  return std::string("strconv.") + fn + ": parsing " + go_quote(s) + ": " + what;
}

std::optional<int64_t> parse_signed(const char* fn, std::string_view s, int bits, std::string* error) {
  std::string_view digits = s;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  if (digits.empty()) {
    *error = num_error(fn, s, "invalid syntax");
    return std::nullopt;
  }
  uint64_t v = 0;
  bool overflow = false;
  for (char c : digits) {
    if (!is_digit(c)) {
      *error = num_error(fn, s, "invalid syntax");
      return std::nullopt;
    }
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (std::numeric_limits<uint64_t>::max() - d) / 10) {
      overflow = true;
      v = std::numeric_limits<uint64_t>::max();
    } else if (!overflow) {
      v = v * 10 + d;
    }
  }
  const uint64_t limit = uint64_t{1} << (bits - 1);  // |min| for this bit size
  if (overflow || (negative ? v > limit : v >= limit)) {
    *error = num_error(fn, s, "value out of range");
    return std::nullopt;
  }
  if (negative) return v == limit ? -static_cast<int64_t>(limit - 1) - 1 : -static_cast<int64_t>(v);
  return static_cast<int64_t>(v);
}

std::optional<uint64_t> parse_hex64(std::string_view s, std::string* error) {
  if (s.empty()) {
    *error = num_error("ParseUint", s, "invalid syntax");
    return std::nullopt;
  }
  uint64_t v = 0;
  for (char c : s) {
    int d = hex_digit(c);
    if (d < 0) {
      *error = num_error("ParseUint", s, "invalid syntax");
      return std::nullopt;
    }
    v = (v << 4) | static_cast<uint64_t>(d);
  }
  if (s.size() > 16) {
    *error = num_error("ParseUint", s, "value out of range");
    return std::nullopt;
  }
  return v;
}

// Days from 1970-01-01 to y-m-d (proleptic Gregorian).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

std::string go_quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    } else {
      out.push_back(ch);
    }
  }
  return out + "\"";
}

std::optional<int64_t> go_parse_int(std::string_view s, int bits, std::string* error) {
  return parse_signed("ParseInt", s, bits, error);
}

std::optional<int64_t> go_atoi(std::string_view s, std::string* error) { return parse_signed("Atoi", s, 64, error); }

std::optional<bool> go_parse_bool(std::string_view s) {
  if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") return true;
  if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") return false;
  return std::nullopt;
}

std::optional<model::TraceID> go_parse_trace_id(std::string_view s, std::string* error) {
  if (s.size() > 32) {
    *error = "TraceID cannot be longer than 32 hex characters: " + std::string(s);
    return std::nullopt;
  }
  model::TraceID id;
  if (s.size() > 16) {
    auto hi = parse_hex64(s.substr(0, s.size() - 16), error);
    if (!hi) return std::nullopt;
    auto lo = parse_hex64(s.substr(s.size() - 16), error);
    if (!lo) return std::nullopt;
    id.high = *hi;
    id.low = *lo;
    return id;
  }
  auto lo = parse_hex64(s, error);
  if (!lo) return std::nullopt;
  id.low = *lo;
  return id;
}

std::optional<int64_t> go_parse_rfc3339(std::string_view s, std::string* error) {
  static constexpr const char* kLayout = "2006-01-02T15:04:05.999999999Z07:00";
  size_t pos = 0;
  auto fail = [&](const char* element) {
    *error = "parsing time " + go_quote(s) + " as \"" + kLayout + "\": cannot parse " + go_quote(s.substr(pos)) +
             " as \"" + element + "\"";
    return std::nullopt;
  };
  auto number = [&](size_t width, int64_t* out) {
    if (pos + width > s.size()) return false;
    int64_t v = 0;
    for (size_t i = 0; i < width; ++i) {
      if (!is_digit(s[pos + i])) return false;
      v = v * 10 + (s[pos + i] - '0');
    }
    *out = v;
    pos += width;
    return true;
  };
  auto literal = [&](char c) {
    if (pos < s.size() && s[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  };
  int64_t year, month, day, hour, minute, second;
  if (!number(4, &year)) return fail("2006");
  if (!literal('-')) return fail("-");
  if (!number(2, &month)) return fail("01");
  if (!literal('-')) return fail("-");
  if (!number(2, &day)) return fail("02");
  if (!literal('T')) return fail("T");
  if (!number(2, &hour)) return fail("15");
  if (!literal(':')) return fail(":");
  if (!number(2, &minute)) return fail("04");
  if (!literal(':')) return fail(":");
  if (!number(2, &second)) return fail("05");
  int64_t micros = 0;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    size_t digits = 0;
    while (pos < s.size() && is_digit(s[pos])) {
      if (digits < 6) micros = micros * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return fail(".999999999");
    for (size_t d = digits; d < 6; ++d) micros *= 10;
  }
  int64_t offset_seconds = 0;
  if (literal('Z')) {
    offset_seconds = 0;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int64_t sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int64_t oh, om;
    if (!number(2, &oh) || !literal(':') || !number(2, &om)) return fail("Z07:00");
    offset_seconds = sign * (oh * 3600 + om * 60);
  } else {
    return fail("Z07:00");
  }
  if (pos != s.size()) {
    *error = "parsing time " + go_quote(s) + ": extra text: " + go_quote(s.substr(pos));
    return std::nullopt;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  auto range_error = [&](const char* what) {
    *error = "parsing time " + go_quote(s) + ": " + what + " out of range";
    return std::nullopt;
  };
  if (month < 1 || month > 12) return range_error("month");
  int max_day = kDays[month - 1] + (month == 2 && leap(year) ? 1 : 0);
  if (day < 1 || day > max_day) return range_error("day");
  if (hour > 23) return range_error("hour");
  if (minute > 59) return range_error("minute");
  if (second > 59) return range_error("second");
  int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  return secs * 1000000 + micros;
}

std::optional<int64_t> go_parse_duration_ns(const std::string& s, std::string* error) {
  try {
    return common::parse_go_duration(s).count();
  } catch (const std::exception& e) {
    // Go's time.ParseDuration errors read `time: invalid duration "x"`.
    std::string what = e.what();
    *error = what.rfind("time: ", 0) == 0 ? what : "time: " + what;
    return std::nullopt;
  }
}

}  // namespace peregrine::query
