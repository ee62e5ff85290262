// Jaeger's sampling HTTP endpoints, served by the collector (14268: GET /api/sampling) and the agent (5778:
// GET /sampling, legacy GET / with numeric enums, GET /baggageRestrictions):
//   200 application/json strategy; 400 "'service' parameter must be provided once" (text/plain);
//   500 "collector error: ..." when the provider cannot answer.
// Counters: <metrics_prefix>_http_server_requests_total{type=sampling|sampling-legacy|baggage} and
// <metrics_prefix>_http_server_errors_total{source,status}.
#pragma once
#include <string>

#include "backend/common/http_router.hpp"
#include "backend/common/http_types.hpp"
#include "backend/common/metrics.hpp"
#include "backend/sampling/strategy_provider.hpp"

namespace peregrine::sampling {

enum class SamplingEncoding { ProtoJson, LegacyNumericEnums };

common::HttpResponse serve_sampling_http(const common::HttpRequest& request, StrategyProvider& provider,
                                         SamplingEncoding encoding, common::MetricsRegistry* metrics = nullptr,
                                         const std::string& metrics_prefix = "jaeger_collector");
// Baggage restrictions are not managed: every valid request gets [].
common::HttpResponse serve_baggage_restrictions_http(const common::HttpRequest& request,
                                                     common::MetricsRegistry* metrics = nullptr,
                                                     const std::string& metrics_prefix = "jaeger_collector");

struct SamplingRoutes {
  std::string base_path;        // "" for the agent, "/api" for the collector
  bool legacy_root = false;     // also GET {base}/ with numeric enums (agent)
  common::MetricsRegistry* metrics = nullptr;
  std::string metrics_prefix = "jaeger_collector";
};

// Registers GET {base}/sampling, GET {base}/baggageRestrictions and optionally GET {base}/.
// `provider` must outlive the router.
void add_sampling_routes(common::HttpRouter& router, StrategyProvider& provider, const SamplingRoutes& routes);

}  // namespace peregrine::sampling
