// The operator's HTTP endpoints: /healthz and /readyz on the health-probe address (controller-runtime's
// answers: 200 "ok", or 503 with the reason while not ready) and /metrics (Prometheus text) on the metrics
// address. Handlers are pure functions of the request plus the current state; ProbeServers runs them.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "backend/common/http_server.hpp"
#include "backend/common/http_types.hpp"

namespace peregrine::controller {

// nullopt-like: an empty string means ready, anything else is why not.
using ReadinessCheck = std::function<std::string()>;
using MetricsRenderer = std::function<std::string()>;

common::HttpResponse handle_probe(const common::HttpRequest& request, const std::string& not_ready_reason);
common::HttpResponse handle_metrics(const common::HttpRequest& request, const MetricsRenderer& render);

class ProbeServers {
 public:
  // An address of "0" (or "") disables that server.
  ProbeServers(std::string health_address, std::string metrics_address, ReadinessCheck readiness,
               MetricsRenderer metrics);
  ~ProbeServers();
  // Binds both; throws std::runtime_error when an address cannot be bound.
  void start();
  void stop();
  uint16_t health_port() const;   // 0 when disabled
  uint16_t metrics_port() const;  // 0 when disabled

 private:
  std::unique_ptr<common::HttpServer> health_;
  std::unique_ptr<common::HttpServer> metrics_;
};

// Writes {"health":N,"metrics":N,"webhook":N} to `path` atomically (temporary file + rename); 0 = not serving.
void write_ports_file(const std::string& path, uint16_t health_port, uint16_t metrics_port, uint16_t webhook_port);

}  // namespace peregrine::controller
