// Quantity parsing: sign, decimal number, then a binary (Ki..Ei), decimal (n, u, m, k, M..E) or exponent suffix.
#include "operator/kube/quantity.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

namespace peregrine::kube {

namespace {

std::optional<long double> suffix_multiplier(std::string_view suffix) {
  if (suffix.empty()) return 1.0L;
  static constexpr std::pair<std::string_view, int> kBinary[] = {{"Ki", 10}, {"Mi", 20}, {"Gi", 30},
                                                                 {"Ti", 40}, {"Pi", 50}, {"Ei", 60}};
  for (const auto& [name, power] : kBinary) {
    if (suffix == name) return std::ldexp(1.0L, power);
  }
  static constexpr std::pair<std::string_view, int> kDecimal[] = {{"n", -9}, {"u", -6}, {"m", -3}, {"k", 3},
                                                                  {"M", 6},  {"G", 9},  {"T", 12}, {"P", 15},
                                                                  {"E", 18}};
  for (const auto& [name, power] : kDecimal) {
    if (suffix == name) return std::pow(10.0L, power);
  }
  if (suffix[0] == 'e' || suffix[0] == 'E') {
    std::string_view exponent = suffix.substr(1);
    bool negative = false;
    if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) {
      negative = exponent[0] == '-';
      exponent.remove_prefix(1);
    }
    if (exponent.empty() || exponent.size() > 4) return std::nullopt;
    int value = 0;
    for (char c : exponent) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      value = value * 10 + (c - '0');
    }
    return std::pow(10.0L, negative ? -value : value);
  }
  return std::nullopt;
}

}  // namespace

std::optional<long double> parse_quantity(std::string_view text) {
  if (text.empty()) return std::nullopt;
  size_t pos = 0;
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    pos = 1;
  }
  long double number = 0;
  bool digits = false;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
    number = number * 10 + (text[pos] - '0');
    digits = true;
    ++pos;
  }
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    long double scale = 0.1L;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      number += scale * (text[pos] - '0');
      scale /= 10;
      digits = true;
      ++pos;
    }
  }
  if (!digits) return std::nullopt;
  const auto multiplier = suffix_multiplier(text.substr(pos));
  if (!multiplier) return std::nullopt;
  const long double value = number * *multiplier;
  return negative ? -value : value;
}

bool same_quantity(std::string_view a, std::string_view b) {
  if (a == b) return true;
  const auto qa = parse_quantity(a);
  const auto qb = parse_quantity(b);
  if (!qa || !qb) return false;
  const long double scale = std::max(std::fabs(*qa), std::fabs(*qb));
  return std::fabs(*qa - *qb) <= scale * 1e-12L;
}

}  // namespace peregrine::kube
