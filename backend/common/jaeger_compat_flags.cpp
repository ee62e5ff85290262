// The list of Jaeger v1 flags Peregrine accepts for compatibility. Real flags are define()d; unsupported
// ones define_ignored() (a binary that does implement one simply define()s it, which takes precedence).
#include "backend/common/jaeger_compat_flags.hpp"

namespace peregrine::common {

namespace {

// Individual Jaeger v1 flags with no Peregrine equivalent.
constexpr const char* kIgnoredFlags[] = {
    "span-storage.type",
    "log-encoding",
    "downsampling.ratio",
    "downsampling.hashsalt",
    "query.bearer-token-propagation",
    "query.static-files",
    "query.ui-config",
    "query.log-static-assets-access",
    "query.enable-tracing",
    "collector.queue-size-memory",
    "collector.enable-span-size-metrics",
    "collector.grpc-server.max-connection-age",
    "collector.grpc-server.max-connection-age-grace",
    "collector.zipkin.allowed-headers",
    "collector.zipkin.allowed-origins",
    "collector.zipkin.keep-alive",
    "collector.otlp.http.read-timeout",
    "collector.otlp.http.read-header-timeout",
    "collector.otlp.http.idle-timeout",
    "collector.otlp.grpc.max-connection-age",
    "collector.otlp.grpc.max-connection-age-grace",
    "sampling.strategies-reload-interval",
    "sampling.aggregation-buckets",
    "sampling.buckets-for-calculation",
    "sampling.calculation-interval",
    "sampling.delay",
    "sampling.delta-tolerance",
    "sampling.follower-lease-refresh-interval",
    "sampling.leader-lease-refresh-interval",
    "sampling.min-samples-per-second",
    "sampling.target-samples-per-second",
    "sampling.min-sampling-probability",
    "sampling.initial-sampling-probability",
    "reporter.type",
    "reporter.grpc.retry.max",
    "reporter.grpc.discovery.min-peers",
    "jaeger.tags",
    "agent.tags",
};

// Whole option families (storage backends Peregrine doesn't have, TLS settings, tenancy...).
constexpr const char* kIgnoredPrefixes[] = {
    "cassandra.",
    "cassandra-archive.",
    "kafka.",
    "es.tls.",
    "grpc-storage.",
    "grpc-storage-plugin.",
    "multi-tenancy.",
    "downsampling.",
    "admin.http.tls.",
    "collector.grpc.tls.",
    "collector.http.tls.",
    "collector.otlp.grpc.tls.",
    "collector.otlp.http.tls.",
    "collector.otlp.http.cors.",
    "collector.zipkin.tls.",
    "query.grpc.tls.",
    "query.http.tls.",
    "reporter.grpc.tls.",
    "reporter.grpc.discovery.",
    "http-server.tls.",
};

}  // namespace

void define_jaeger_compat_flags(Config& config) {
  config.define("log-level", "info", "Minimal allowed log level (debug, info, warn, error, fatal)");
  config.define("metrics-backend", "prometheus",
                "Metrics backend (prometheus, expvar, none); Peregrine serves Prometheus text");
  config.define("metrics-http-route", kDefaultMetricsRoute,
                "HTTP route of the Prometheus metrics endpoint on the admin port");
  for (const char* name : kIgnoredFlags)
    config.define_ignored(name, "Jaeger option not supported by Peregrine (ignored)");
  for (const char* prefix : kIgnoredPrefixes) config.define_ignored_prefix(prefix);
}

}  // namespace peregrine::common
