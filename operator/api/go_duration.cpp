// A faithful reimplementation of Go's duration grammar: a sign, then one or more decimal numbers with units.
#include "operator/api/go_duration.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>

namespace peregrine::operator_api {

namespace {

constexpr std::array<std::pair<std::string_view, double>, 8> kUnits{{
    {"ns", 1.0},
    {"us", 1e3},
    {"\xC2\xB5s", 1e3},  // µs (micro sign)
    {"\xCE\xBCs", 1e3},  // μs (Greek mu)
    {"ms", 1e6},
    {"s", 1e9},
    {"m", 60e9},
    {"h", 3600e9},
}};

}  // namespace

std::optional<std::chrono::nanoseconds> parse_go_duration(std::string_view text) {
  std::size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
    negative = text[pos] == '-';
    ++pos;
  }
  if (text.substr(pos) == "0") return std::chrono::nanoseconds(0);
  if (pos == text.size()) return std::nullopt;

  double total = 0;
  while (pos < text.size()) {
    std::size_t number_start = pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
    bool has_digits = pos > number_start;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      std::size_t fraction_start = pos;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
      has_digits = has_digits || pos > fraction_start;
    }
    if (!has_digits) return std::nullopt;
    double number = std::stod(std::string(text.substr(number_start, pos - number_start)));

    std::size_t unit_start = pos;
    while (pos < text.size() && !std::isdigit(static_cast<unsigned char>(text[pos])) && text[pos] != '.') ++pos;
    std::string_view unit = text.substr(unit_start, pos - unit_start);
    if (unit.empty()) return std::nullopt;
    bool known = false;
    for (const auto& [name, scale] : kUnits) {
      if (name == unit) {
        total += number * scale;
        known = true;
        break;
      }
    }
    if (!known) return std::nullopt;
  }
  if (total > static_cast<double>(INT64_MAX)) return std::nullopt;
  auto nanos = static_cast<std::int64_t>(std::llround(total));
  return std::chrono::nanoseconds(negative ? -nanos : nanos);
}

}  // namespace peregrine::operator_api
