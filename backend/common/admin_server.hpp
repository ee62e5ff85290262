// AdminServer: the admin HTTP port (14269 collector/all-in-one, 16687 query, 14271 agent) serving
// "/" health JSON (200 {"status":"Server available",...} when ready, 503 "Server not available" otherwise),
// "/metrics" (Prometheus text from a MetricsRegistry) and "/version"; over TLS with --admin.http.tls.*.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "backend/common/http_server.hpp"
#include "backend/common/metrics.hpp"

namespace peregrine::common {

class HealthState {
 public:
  HealthState();  // records the construction time as upSince
  void set_ready(bool ready);
  bool ready() const;
  int64_t up_since_unix() const { return up_since_; }

 private:
  std::atomic<bool> ready_{false};
  int64_t up_since_ = 0;                              // unix seconds
  std::chrono::system_clock::time_point up_since_tp_;  // same instant, full precision (uptime, RFC3339)
  friend class AdminServer;
};

class AdminServer {
 public:
  AdminServer(std::string host_port, MetricsRegistry& registry, HealthState& health,
              std::string metrics_route = "/metrics", TlsServerSettings tls = {});
  void start();
  void stop();
  uint16_t port() const;
  // The handler alone (unit-testable).
  HttpResponse handle(const HttpRequest& req) const;
  // Health JSON alone: {"status":"Server available","upSince":"<RFC3339>","uptime":"<go duration>"} (200) or
  // {"status":"Server not available","upSince":"0001-01-01T00:00:00Z"} (503), like Jaeger's healthcheck.
  static HttpResponse health_response(const HealthState& health, std::chrono::system_clock::time_point now);

 private:
  MetricsRegistry& registry_;
  HealthState& health_;
  std::string metrics_route_;
  std::unique_ptr<HttpServer> server_;
};

}  // namespace peregrine::common
