// Health, readiness and metrics endpoints.
#include "operator/controller/probe_endpoints.hpp"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace peregrine::controller {

namespace {

constexpr const char* kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

bool disabled(const std::string& address) { return address.empty() || address == "0"; }

common::HttpResponse plain(int status, std::string body) {
  common::HttpResponse response = common::HttpResponse::text(status, std::move(body));
  response.content_type = "text/plain; charset=utf-8";
  return response;
}

}  // namespace

common::HttpResponse handle_probe(const common::HttpRequest& request, const std::string& not_ready_reason) {
  if (request.method != "GET" && request.method != "HEAD") return plain(405, "method not allowed\n");
  if (request.path == "/healthz" || request.path == "/livez") return plain(200, "ok");
  if (request.path == "/readyz") {
    if (not_ready_reason.empty()) return plain(200, "ok");
    return plain(503, "not ready: " + not_ready_reason + "\n");
  }
  return plain(404, "404 page not found\n");
}

common::HttpResponse handle_metrics(const common::HttpRequest& request, const MetricsRenderer& render) {
  if (request.path != "/metrics") return plain(404, "404 page not found\n");
  if (request.method != "GET" && request.method != "HEAD") return plain(405, "method not allowed\n");
  common::HttpResponse response = common::HttpResponse::text(200, render());
  response.content_type = kPrometheusContentType;
  return response;
}

ProbeServers::ProbeServers(std::string health_address, std::string metrics_address, ReadinessCheck readiness,
                           MetricsRenderer metrics) {
  if (!disabled(health_address)) {
    health_ = std::make_unique<common::HttpServer>(
        common::HttpServerOptions{health_address, 1u << 16, 1, "health-probe"},
        [readiness](const common::HttpRequest& request) { return handle_probe(request, readiness()); });
  }
  if (!disabled(metrics_address)) {
    metrics_ = std::make_unique<common::HttpServer>(
        common::HttpServerOptions{metrics_address, 1u << 16, 1, "metrics"},
        [metrics](const common::HttpRequest& request) { return handle_metrics(request, metrics); });
  }
}

ProbeServers::~ProbeServers() { stop(); }

void ProbeServers::start() {
  if (health_) health_->start();
  if (metrics_) metrics_->start();
}

void ProbeServers::stop() {
  if (health_) health_->stop();
  if (metrics_) metrics_->stop();
}

uint16_t ProbeServers::health_port() const { return health_ ? health_->port() : 0; }
uint16_t ProbeServers::metrics_port() const { return metrics_ ? metrics_->port() : 0; }

void write_ports_file(const std::string& path, uint16_t health_port, uint16_t metrics_port, uint16_t webhook_port) {
  const nlohmann::json ports = {{"health", health_port}, {"metrics", metrics_port}, {"webhook", webhook_port}};
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << ports.dump() << '\n';
    if (!out.flush()) throw std::runtime_error("cannot write ports file " + temporary);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    throw std::runtime_error("cannot rename ports file to " + path);
  }
}

}  // namespace peregrine::controller
