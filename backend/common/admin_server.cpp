// AdminServer: Jaeger's admin port — health JSON on "/" (and, as with Go's ServeMux "/" pattern, on any
// path not otherwise routed), Prometheus text on the metrics route, build info on "/version".
#include "backend/common/admin_server.hpp"

#include <nlohmann/json.hpp>

#include <ctime>

#include "backend/common/go_duration.hpp"
#include "backend/common/http_router.hpp"

#ifndef PEREGRINE_VERSION
#define PEREGRINE_VERSION "0.0.0"
#endif

namespace peregrine::common {

namespace {

constexpr const char* kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

// RFC 3339 in UTC with nanoseconds trimmed like Go's time.RFC3339Nano: "2024-05-01T10:00:00.123Z".
std::string rfc3339_utc(std::chrono::system_clock::time_point tp) {
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(tp.time_since_epoch()).count();
  int64_t secs = ns / 1000000000;
  int64_t frac = ns % 1000000000;
  if (frac < 0) {
    frac += 1000000000;
    --secs;
  }
  std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out = buf;
  if (frac != 0) {
    std::string digits = std::to_string(frac);
    digits.insert(0, 9 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out + "Z";
}

}  // namespace

HealthState::HealthState() : up_since_tp_(std::chrono::system_clock::now()) {
  up_since_ = std::chrono::duration_cast<std::chrono::seconds>(up_since_tp_.time_since_epoch()).count();
}

void HealthState::set_ready(bool ready) { ready_.store(ready, std::memory_order_release); }
bool HealthState::ready() const { return ready_.load(std::memory_order_acquire); }

AdminServer::AdminServer(std::string host_port, MetricsRegistry& registry, HealthState& health,
                         std::string metrics_route, TlsServerSettings tls)
    : registry_(registry), health_(health), metrics_route_(std::move(metrics_route)) {
  if (metrics_route_.empty() || metrics_route_.front() != '/') metrics_route_.insert(metrics_route_.begin(), '/');
  HttpServerOptions opts;
  opts.host_port = std::move(host_port);
  opts.threads = 1;
  opts.max_body_bytes = 1 << 20;
  opts.name = "admin";
  server_ = std::make_unique<HttpServer>(opts, [this](const HttpRequest& req) { return handle(req); },
                                         std::move(tls));
}

void AdminServer::start() { server_->start(); }
void AdminServer::stop() { server_->stop(); }
uint16_t AdminServer::port() const { return server_->port(); }

HttpResponse AdminServer::health_response(const HealthState& health, std::chrono::system_clock::time_point now) {
  nlohmann::json body;
  if (health.ready()) {
    body["status"] = "Server available";
    body["upSince"] = rfc3339_utc(health.up_since_tp_);
    body["uptime"] = format_go_duration(std::chrono::duration_cast<std::chrono::nanoseconds>(now - health.up_since_tp_));
    return HttpResponse::json(200, body.dump());
  }
  body["status"] = "Server not available";
  body["upSince"] = "0001-01-01T00:00:00Z";
  return HttpResponse::json(503, body.dump());
}

HttpResponse AdminServer::handle(const HttpRequest& req) const {
  const bool read_only = req.method == "GET" || req.method == "HEAD";
  if (read_only && req.path == metrics_route_) {
    HttpResponse r = HttpResponse::text(200, registry_.render());
    r.content_type = kPrometheusContentType;
    return r;
  }
  if (read_only && req.path == "/version") {
    nlohmann::json body = {{"gitCommit", ""}, {"gitVersion", std::string("v") + PEREGRINE_VERSION}, {"buildDate", ""}};
    return HttpResponse::json(200, body.dump());
  }
  return health_response(health_, std::chrono::system_clock::now());
}

}  // namespace peregrine::common
