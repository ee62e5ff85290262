// Defaults of the Jaeger operator applied to a parsed CR (its `normalize` step): strategy fallbacks,
// default schedules, auto-enabled Elasticsearch/Cassandra jobs and the derived UI settings.
#pragma once
#include "operator/api/jaeger_types.hpp"

namespace peregrine::operator_api {

inline constexpr const char* kDefaultInstanceName = "my-jaeger";
inline constexpr const char* kDefaultDependenciesSchedule = "55 23 * * *";
inline constexpr const char* kDefaultIndexCleanerSchedule = "55 23 * * *";
inline constexpr int kDefaultIndexCleanerDays = 7;
inline constexpr const char* kDefaultRolloverSchedule = "0 0 * * *";

// Returns the CR with every default filled in. Idempotent.
Jaeger normalize(Jaeger jaeger);

}  // namespace peregrine::operator_api
