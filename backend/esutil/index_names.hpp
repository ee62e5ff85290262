// Jaeger's Elasticsearch index naming: optional prefix ("prod" → "prod-jaeger-span-…"), date-suffixed indices
// rotated daily or hourly with a configurable separator ("jaeger-span-2024-01-02", "jaeger-span-2024.01.02.15"),
// read/write aliases ("jaeger-span-read" / "jaeger-span-write") and the list of indices covering a time range.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace peregrine::esutil {

inline constexpr std::string_view kSpanIndexBase = "jaeger-span-";
inline constexpr std::string_view kServiceIndexBase = "jaeger-service-";
inline constexpr std::string_view kDependenciesIndexBase = "jaeger-dependencies-";

enum class RolloverFrequency { Day, Hour };

// Parses Jaeger's es.index-rollover-frequency-* values ("day", "hour", case-insensitive).
// Throws std::invalid_argument otherwise.
RolloverFrequency parse_rollover_frequency(const std::string& value);

struct DateLayout {
  std::string separator = "-";
  RolloverFrequency frequency = RolloverFrequency::Day;
};

// "prod" + "jaeger-span-" → "prod-jaeger-span-"; "" → unchanged; a prefix already ending in '-' is not doubled.
std::string apply_index_prefix(const std::string& prefix, std::string_view name);

// Date suffix of the index holding a document with this timestamp (UTC): "2024-01-02" or "2024-01-02-15".
std::string format_index_date(int64_t unix_us, const DateLayout& layout);

// base (e.g. "prod-jaeger-span-") + date suffix.
std::string index_with_date(const std::string& base, int64_t unix_us, const DateLayout& layout);

// Every index of base covering [start_us, end_us], newest first, stepping by the layout's period (Jaeger steps
// by 24h even for hourly indices and so misses 23 of 24 of them; this doesn't). When the range would need more
// than max_indices names, returns the single wildcard pattern base + "*" instead.
std::vector<std::string> time_range_indices(const std::string& base, const DateLayout& layout, int64_t start_us,
                                            int64_t end_us, size_t max_indices = 1000);

// Cross-cluster search: for every remote cluster name c, also query "c:index". Local names come first.
std::vector<std::string> with_remote_clusters(const std::vector<std::string>& indices,
                                              const std::vector<std::string>& clusters);

// Joins index names with ',' for a request path.
std::string join_indices(const std::vector<std::string>& indices);

}  // namespace peregrine::esutil
