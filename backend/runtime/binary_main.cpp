// run_binary implementation.
#include "backend/runtime/binary_main.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <exception>

#include "backend/common/admin_server.hpp"
#include "backend/common/jaeger_compat_flags.hpp"
#include "backend/common/logging.hpp"
#include "backend/common/tls_settings.hpp"
#include "backend/runtime/ports_file.hpp"
#include "backend/runtime/shutdown_signal.hpp"

namespace peregrine::runtime {

int run_binary(int argc, char** argv, const BinarySpec& spec) {
  block_shutdown_signals();
  common::Config cfg;
  cfg.define("admin.http.host-port", spec.admin_host_port,
             "The host:port for the admin server, including health check, /metrics and /version");
  common::define_tls_server_flags(cfg, "admin.http", "the admin server");
  cfg.define("peregrine.ports-file", "",
             "Write the bound ports as JSON to this file once every server listens (for tests and scripts)");
  spec.define_flags(cfg);
  common::define_jaeger_compat_flags(cfg);
  try {
    cfg.parse(argc, argv);
  } catch (const common::ConfigError& e) {
    std::fprintf(stderr, "%s: %s\nRun '%s --help' for usage.\n", spec.name.c_str(), e.what(), spec.name.c_str());
    return 2;
  }
  if (cfg.help_requested()) {
    std::fputs(cfg.usage(spec.name).c_str(), stdout);
    return 0;
  }
  common::init_logging(cfg.get("log-level"));
  for (const auto& w : cfg.warnings()) spdlog::warn("{}", w);

  auto& metrics = common::MetricsRegistry::global();
  common::HealthState health;
  std::vector<std::unique_ptr<Component>> components;
  std::unique_ptr<common::AdminServer> admin;
  try {
    components = spec.build(cfg, metrics);
    admin = std::make_unique<common::AdminServer>(cfg.get("admin.http.host-port"), metrics, health,
                                                  cfg.get("metrics-http-route"),
                                                  common::tls_server_settings_from_config(cfg, "admin.http"));
    admin->start();
    for (auto& c : components) c->start();
  } catch (const std::exception& e) {
    spdlog::error("{} failed to start: {}", spec.name, e.what());
    for (auto it = components.rbegin(); it != components.rend(); ++it) (*it)->stop();
    return 1;
  }

  std::map<std::string, uint16_t> ports{{"admin_http", admin->port()}};
  for (auto& c : components) ports.merge(c->ports());
  health.set_ready(true);
  if (auto path = cfg.get("peregrine.ports-file"); !path.empty()) {
    try {
      write_ports_file(path, ports);
    } catch (const std::exception& e) {
      spdlog::error("{}", e.what());
      return 1;
    }
  }
  spdlog::info("{} started; admin on :{}", spec.name, admin->port());

  int sig = wait_for_shutdown_signal();
  spdlog::info("received signal {}, shutting down", sig);
  health.set_ready(false);
  size_t unfinished = 0;
  for (auto it = components.rbegin(); it != components.rend(); ++it) unfinished += (*it)->stop();
  admin->stop();
  spdlog::info("{} stopped", spec.name);
  return unfinished == 0 ? 0 : 3;
}

}  // namespace peregrine::runtime
