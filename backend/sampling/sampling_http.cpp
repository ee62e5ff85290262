// Sampling HTTP endpoints (see sampling_http.hpp).
#include "backend/sampling/sampling_http.hpp"

#include "backend/sampling/strategy_json.hpp"

namespace peregrine::sampling {
namespace {

void count(common::MetricsRegistry* metrics, const std::string& prefix, const char* name, const char* help,
           const common::Labels& labels) {
  if (metrics) metrics->counter(prefix + name, help, labels).inc();
}

std::optional<std::string> service_param(const common::HttpRequest& request) {
  auto services = request.params("service");
  if (services.size() != 1) return std::nullopt;
  return services.front();
}

common::HttpResponse bad_request(common::MetricsRegistry* metrics, const std::string& prefix) {
  count(metrics, prefix, "_http_server_errors_total", "Number of HTTP errors of the sampling server",
        {{"source", "all"}, {"status", "4xx"}});
  return common::HttpResponse::text(400, "'service' parameter must be provided once\n");
}

}  // namespace

common::HttpResponse serve_sampling_http(const common::HttpRequest& request, StrategyProvider& provider,
                                         SamplingEncoding encoding, common::MetricsRegistry* metrics,
                                         const std::string& prefix) {
  auto service = service_param(request);
  if (!service) return bad_request(metrics, prefix);
  SamplingStrategy strategy;
  try {
    strategy = provider.get_sampling_strategy(*service);
  } catch (const std::exception& e) {
    count(metrics, prefix, "_http_server_errors_total", "Number of HTTP errors of the sampling server",
          {{"source", "collector-proxy"}, {"status", "5xx"}});
    return common::HttpResponse::text(500, std::string("collector error: ") + e.what() + "\n");
  }
  bool legacy = encoding == SamplingEncoding::LegacyNumericEnums;
  count(metrics, prefix, "_http_server_requests_total", "Number of HTTP requests of the sampling server",
        {{"type", legacy ? "sampling-legacy" : "sampling"}});
  return common::HttpResponse::json(200, legacy ? strategy_to_legacy_json(strategy) : strategy_to_json(strategy));
}

common::HttpResponse serve_baggage_restrictions_http(const common::HttpRequest& request,
                                                     common::MetricsRegistry* metrics, const std::string& prefix) {
  if (!service_param(request)) return bad_request(metrics, prefix);
  count(metrics, prefix, "_http_server_requests_total", "Number of HTTP requests of the sampling server",
        {{"type", "baggage"}});
  return common::HttpResponse::json(200, "[]");
}

void add_sampling_routes(common::HttpRouter& router, StrategyProvider& provider, const SamplingRoutes& routes) {
  std::string base = routes.base_path == "/" ? "" : routes.base_path;
  auto* metrics = routes.metrics;
  std::string prefix = routes.metrics_prefix;
  router.add("GET", base + "/sampling", [&provider, metrics, prefix](const common::HttpRequest& r, const common::PathParams&) {
    return serve_sampling_http(r, provider, SamplingEncoding::ProtoJson, metrics, prefix);
  });
  router.add("GET", base + "/baggageRestrictions", [metrics, prefix](const common::HttpRequest& r, const common::PathParams&) {
    return serve_baggage_restrictions_http(r, metrics, prefix);
  });
  if (routes.legacy_root) {
    router.add("GET", base.empty() ? "/" : base + "/", [&provider, metrics, prefix](const common::HttpRequest& r, const common::PathParams&) {
      return serve_sampling_http(r, provider, SamplingEncoding::LegacyNumericEnums, metrics, prefix);
    });
  }
}

}  // namespace peregrine::sampling
