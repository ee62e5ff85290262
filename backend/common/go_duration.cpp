// Go duration parsing/formatting, following the semantics of Go's time.ParseDuration and
// time.Duration.String() (fractions are truncated to whole nanoseconds the same way Go does).
#include "backend/common/go_duration.hpp"

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string_view>

namespace peregrine::common {

namespace {

struct Unit {
  std::string_view name;
  uint64_t nanos;
};

// Longest names first so "ms" wins over "m".
constexpr Unit kUnits[] = {
    {"ns", 1ULL},           {"us", 1000ULL},           {"\xC2\xB5s", 1000ULL} /* U+00B5 micro sign */,
    {"\xCE\xBCs", 1000ULL} /* U+03BC greek mu */,       {"ms", 1000000ULL},
    {"s", 1000000000ULL},   {"m", 60000000000ULL},     {"h", 3600000000000ULL},
};

[[noreturn]] void fail(const std::string& s) { throw std::invalid_argument("invalid duration \"" + s + "\""); }

// Formats v/10^prec with trailing zeros of the fraction trimmed: (1500, 3) → "1.5".
std::string fixed_trimmed(uint64_t v, int prec) {
  uint64_t scale = 1;
  for (int i = 0; i < prec; ++i) scale *= 10;
  std::string out = std::to_string(v / scale);
  uint64_t frac = v % scale;
  if (frac != 0) {
    std::string digits = std::to_string(frac);
    digits.insert(0, static_cast<size_t>(prec) - digits.size(), '0');
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

}  // namespace

std::chrono::nanoseconds parse_go_duration(const std::string& input) {
  std::string_view s = input;
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return std::chrono::nanoseconds(0);
  if (s.empty()) fail(input);

  constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  uint64_t total = 0;
  while (!s.empty()) {
    // Integer part.
    uint64_t whole = 0;
    bool whole_digits = false;
    bool overflow = false;
    while (!s.empty() && s.front() >= '0' && s.front() <= '9') {
      uint64_t digit = static_cast<uint64_t>(s.front() - '0');
      if (whole > (kMax - digit) / 10) overflow = true;
      whole = whole * 10 + digit;
      whole_digits = true;
      s.remove_prefix(1);
    }
    if (overflow) fail(input);
    // Fraction: digits beyond what fits are dropped (as Go does).
    uint64_t frac = 0;
    double scale = 1;
    bool frac_digits = false;
    if (!s.empty() && s.front() == '.') {
      s.remove_prefix(1);
      bool frac_overflow = false;
      while (!s.empty() && s.front() >= '0' && s.front() <= '9') {
        frac_digits = true;
        if (!frac_overflow) {
          uint64_t digit = static_cast<uint64_t>(s.front() - '0');
          if (frac > (kMax - digit) / 10) {
            frac_overflow = true;
          } else {
            frac = frac * 10 + digit;
            scale *= 10;
          }
        }
        s.remove_prefix(1);
      }
    }
    if (!whole_digits && !frac_digits) fail(input);
    // Unit.
    const Unit* unit = nullptr;
    for (const auto& u : kUnits) {
      if (s.substr(0, u.name.size()) == u.name) {
        // "m" must not swallow the "m" of "ms"; kUnits lists "ms" before "m", so the first hit is right.
        unit = &u;
        break;
      }
    }
    if (!unit) fail(input);  // Go requires a unit except for a bare "0"
    s.remove_prefix(unit->name.size());

    if (whole > kMax / unit->nanos) fail(input);
    uint64_t v = whole * unit->nanos;
    if (frac > 0) {
      v += static_cast<uint64_t>(static_cast<double>(frac) * (static_cast<double>(unit->nanos) / scale));
      if (v > kMax) fail(input);
    }
    total += v;
    if (total > kMax) fail(input);
  }
  int64_t signed_total = static_cast<int64_t>(total);
  return std::chrono::nanoseconds(negative ? -signed_total : signed_total);
}

std::string format_go_duration(std::chrono::nanoseconds d) {
  int64_t n = d.count();
  if (n == 0) return "0s";
  bool negative = n < 0;
  uint64_t u = negative ? static_cast<uint64_t>(-(n + 1)) + 1 : static_cast<uint64_t>(n);
  std::string out;
  if (u < 1000000000ULL) {
    if (u < 1000ULL) out = std::to_string(u) + "ns";
    else if (u < 1000000ULL) out = fixed_trimmed(u, 3) + "\xC2\xB5s";
    else out = fixed_trimmed(u, 6) + "ms";
  } else {
    uint64_t hours = u / 3600000000000ULL;
    uint64_t minutes = (u / 60000000000ULL) % 60;
    uint64_t sec_nanos = u % 60000000000ULL;
    if (hours > 0) out += std::to_string(hours) + "h";
    if (hours > 0 || minutes > 0) out += std::to_string(minutes) + "m";
    out += fixed_trimmed(sec_nanos, 9) + "s";
  }
  return negative ? "-" + out : out;
}

}  // namespace peregrine::common
