// es-index-cleaner selection logic (see index_cleaner.hpp).
#include "backend/esutil/index_cleaner.hpp"

#include <regex>

namespace peregrine::esutil {

namespace {

constexpr int64_t kMillisPerDay = 86'400'000;

std::string regex_escape(const std::string& s) {
  static const std::string special = R"(\^$.|?*+()[]{})";
  std::string out;
  for (char c : s) {
    if (special.find(c) != std::string::npos) out += '\\';
    out += c;
  }
  return out;
}

std::regex index_pattern(const CleanerOptions& opts) {
  const std::string p = regex_escape(prefix_with_dash(opts.index_prefix));
  if (opts.archive) return std::regex("^" + p + "jaeger-span-archive-\\d{6}");
  if (opts.rollover) return std::regex("^" + p + "jaeger-(span|service|dependencies|sampling)-\\d{6}");
  const std::string sep = regex_escape(opts.date_separator);
  // Daily names, and hourly ones (the day part is a prefix of them); the boundary keeps "-000001" rollover
  // names out.
  return std::regex("^" + p + "jaeger-(span|service|dependencies|sampling)-\\d{4}" + sep + "\\d{2}" + sep +
                    "\\d{2}(" + sep + "\\d{2})?$");
}

}  // namespace

std::string prefix_with_dash(const std::string& prefix) {
  if (prefix.empty() || prefix.back() == '-') return prefix;
  return prefix + "-";
}

int64_t deletion_cutoff_ms(int64_t now_ms, int num_days) {
  int64_t day = now_ms / kMillisPerDay;
  if (now_ms % kMillisPerDay != 0 && now_ms < 0) --day;
  const int64_t tomorrow_midnight = (day + 1) * kMillisPerDay;
  return tomorrow_midnight - static_cast<int64_t>(num_days) * kMillisPerDay;
}

std::vector<std::string> protected_write_aliases(const std::string& p) {
  return {p + "jaeger-span-write", p + "jaeger-service-write", p + "jaeger-span-archive-write",
          p + "jaeger-dependencies-write", p + "jaeger-sampling-write"};
}

std::vector<IndexInfo> indices_to_delete(const std::vector<IndexInfo>& indices, const CleanerOptions& opts,
                                         int64_t cutoff_ms) {
  const std::regex re = index_pattern(opts);
  const auto write_aliases = protected_write_aliases(prefix_with_dash(opts.index_prefix));
  std::vector<IndexInfo> out;
  for (const auto& idx : indices) {
    if (!std::regex_search(idx.name, re)) continue;
    bool is_write = false;
    for (const auto& a : write_aliases) is_write = is_write || idx.holds_write_alias(a);
    if (is_write) continue;
    if (idx.creation_ms < cutoff_ms) out.push_back(idx);
  }
  return out;
}

}  // namespace peregrine::esutil
