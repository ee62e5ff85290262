// Jaeger index naming (see index_names.hpp).
#include "backend/esutil/index_names.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <stdexcept>

#include "backend/esutil/civil_time.hpp"

namespace peregrine::esutil {

namespace {

constexpr int64_t kMicrosPerHour = 3'600'000'000LL;
constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;

int64_t period_micros(RolloverFrequency f) { return f == RolloverFrequency::Hour ? kMicrosPerHour : kMicrosPerDay; }

int64_t floor_to_period(int64_t us, int64_t period) {
  int64_t q = us / period;
  if (us % period != 0 && us < 0) --q;
  return q * period;
}

}  // namespace

RolloverFrequency parse_rollover_frequency(const std::string& value) {
  std::string v = value;
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (v == "day") return RolloverFrequency::Day;
  if (v == "hour") return RolloverFrequency::Hour;
  throw std::invalid_argument("invalid index rollover frequency \"" + value + "\": valid options are [hour, day]");
}

std::string apply_index_prefix(const std::string& prefix, std::string_view name) {
  if (prefix.empty()) return std::string(name);
  if (prefix.back() == '-') return prefix + std::string(name);
  return prefix + "-" + std::string(name);
}

std::string format_index_date(int64_t unix_us, const DateLayout& layout) {
  const CivilTime t = civil_from_unix_micros(unix_us);
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(t.year));
  std::string out(buf, static_cast<size_t>(n));
  n = std::snprintf(buf, sizeof buf, "%02d", t.month);
  out += layout.separator;
  out.append(buf, static_cast<size_t>(n));
  n = std::snprintf(buf, sizeof buf, "%02d", t.day);
  out += layout.separator;
  out.append(buf, static_cast<size_t>(n));
  if (layout.frequency == RolloverFrequency::Hour) {
    n = std::snprintf(buf, sizeof buf, "%02d", t.hour);
    out += layout.separator;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

std::string index_with_date(const std::string& base, int64_t unix_us, const DateLayout& layout) {
  return base + format_index_date(unix_us, layout);
}

std::vector<std::string> time_range_indices(const std::string& base, const DateLayout& layout, int64_t start_us,
                                            int64_t end_us, size_t max_indices) {
  const int64_t period = period_micros(layout.frequency);
  if (end_us < start_us) end_us = start_us;
  const int64_t first = floor_to_period(start_us, period);
  const int64_t last = floor_to_period(end_us, period);
  const uint64_t count = static_cast<uint64_t>((last - first) / period) + 1;
  if (count > max_indices) return {base + "*"};
  std::vector<std::string> out;
  out.reserve(static_cast<size_t>(count));
  for (int64_t t = last; t >= first; t -= period) out.push_back(index_with_date(base, t, layout));
  return out;
}

std::vector<std::string> with_remote_clusters(const std::vector<std::string>& indices,
                                              const std::vector<std::string>& clusters) {
  std::vector<std::string> out = indices;
  for (const auto& c : clusters)
    for (const auto& i : indices) out.push_back(c + ":" + i);
  return out;
}

std::string join_indices(const std::vector<std::string>& indices) {
  std::string out;
  for (const auto& i : indices) {
    if (!out.empty()) out += ',';
    out += i;
  }
  return out;
}

}  // namespace peregrine::esutil
