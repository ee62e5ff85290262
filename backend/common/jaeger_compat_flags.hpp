// Jaeger v1 flags that every Peregrine binary accepts: a few that are real (log-level, metrics-backend,
// metrics-http-route) and many Peregrine does not implement, which are accepted with a warning so existing
// Jaeger command lines, env files and Helm values keep working.
#pragma once
#include "backend/common/config.hpp"

namespace peregrine::common {

// Default for --metrics-http-route (the admin server's Prometheus endpoint).
inline constexpr const char* kDefaultMetricsRoute = "/metrics";

void define_jaeger_compat_flags(Config& config);

}  // namespace peregrine::common
