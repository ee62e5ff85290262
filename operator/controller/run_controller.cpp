// The controller-mode process: flags, logging, signals, manager life cycle; and the api-calls listing.
#include "operator/controller/run_controller.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "backend/common/logging.hpp"
#include "operator/cmd/related_images.hpp"
#include "operator/controller/controller_manager.hpp"
#include "operator/controller/jaeger_reconciler.hpp"
#include "operator/controller/owned_kinds.hpp"
#include "operator/controller/probe_endpoints.hpp"
#include "operator/kube/declared_api_calls.hpp"
#include "operator/kube/well_known_resources.hpp"
#include "operator/webhook/webhook_api_calls.hpp"
#include "operator/webhook/webhook_runtime.hpp"

namespace peregrine::controller {

namespace {

std::optional<std::string> getenv_lookup(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

// Blocks until SIGINT/SIGTERM (true) or the manager failed (false). The signals must already be blocked in
// every thread, so they stay pending for sigtimedwait.
bool wait_for_signal_or_failure(const sigset_t& signals, const ControllerManager& manager,
                                operator_webhook::WebhookRuntime& webhook) {
  while (!manager.failed()) {
    if (manager.is_leader()) webhook.start_reconciler();
    timespec timeout{0, 200 * 1000 * 1000};
    siginfo_t info;
    const int signal_number = sigtimedwait(&signals, &info, &timeout);
    if (signal_number > 0) {
      spdlog::info("received signal {}, shutting down", signal_number);
      return true;
    }
  }
  return false;
}

}  // namespace

int run_controller(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  if (!args.empty() && (args.front() == "run" || args.front() == "start")) args.erase(args.begin());
  const operator_webhook::ExtractedWebhookFlags webhook_flags = operator_webhook::extract_webhook_flags(args);
  if (!webhook_flags.error.empty()) {
    std::cerr << "peregrine-operator: " << webhook_flags.error << "\n\n"
              << controller_usage() << operator_webhook::webhook_flags_usage();
    return 2;
  }
  const ParsedControllerOptions parsed = parse_controller_options(webhook_flags.remaining, getenv_lookup);
  if (parsed.help) {
    std::cout << controller_usage() << operator_webhook::webhook_flags_usage();
    return 0;
  }
  if (!parsed.error.empty()) {
    std::cerr << "peregrine-operator: " << parsed.error << "\n\n" << controller_usage();
    return 2;
  }
  try {
    common::init_logging(parsed.options.log_level);
  } catch (const std::exception& e) {
    std::cerr << "peregrine-operator: " << e.what() << "\n";
    return 2;
  }

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any thread starts: every thread inherits it

  ManagerSettings settings;
  settings.options = parsed.options;
  settings.operator_version = PEREGRINE_VERSION;
  settings.image_overrides = operator_cmd::related_image_overrides(operator_cmd::process_environment());
  try {
    settings.client_config = kube::load_default_config(parsed.options.kubeconfig);
  } catch (const std::exception& e) {
    spdlog::error("no Kubernetes client configuration: {}", e.what());
    return 1;
  }

  operator_webhook::WebhookOptions webhook_options = webhook_flags.options;
  operator_webhook::apply_webhook_environment(webhook_options, getenv_lookup);
  webhook_options.watch_namespaces = parsed.options.watch_namespaces;
  webhook_options.render_context.operator_version = PEREGRINE_VERSION;
  webhook_options.render_context.image_overrides = settings.image_overrides;
  kube::ClientConfig webhook_client_config = settings.client_config;
  kube::apply_rate_limit_overrides(webhook_client_config, parsed.options.kube_api_qps, parsed.options.kube_api_burst);
  operator_webhook::WebhookRuntime webhook(std::make_shared<kube::RestClient>(webhook_client_config), webhook_options);

  ControllerManager manager(std::move(settings));
  try {
    manager.start();
  } catch (const std::exception& e) {
    spdlog::error("operator start-up failed: {}", e.what());
    manager.stop();
    return 1;
  }
  try {
    webhook.start();
    // Written once every server listens: tests (and tools) bind port 0 and read the ports here.
    if (!parsed.options.ports_file.empty()) {
      write_ports_file(parsed.options.ports_file, manager.health_port(), manager.metrics_port(), webhook.webhook_port());
    }
  } catch (const std::exception& e) {
    spdlog::error("sidecar injection start-up failed: {}", e.what());
    webhook.stop();
    manager.stop();
    return 1;
  }
  const bool signalled = wait_for_signal_or_failure(signals, manager, webhook);
  webhook.stop();
  manager.stop();
  spdlog::info("peregrine-operator stopped");
  return signalled ? 0 : 1;
}

int print_api_calls() {
  const operator_render::RenderContext context;
  declare_controller_api_calls(owned_kinds(context));
  operator_webhook::declare_webhook_api_calls();
  // Leader election (LeaderElector declares the same when constructed).
  kube::DeclaredApiCalls::global().declare({"get", "create", "update"}, kube::resources::kLeases);
  nlohmann::json calls = nlohmann::json::array();
  for (const auto& call : kube::DeclaredApiCalls::global().list()) {
    calls.push_back(
        {{"verb", call.verb}, {"group", call.group}, {"resource", call.resource}, {"subresource", call.subresource}});
  }
  std::cout << calls.dump(2) << "\n";
  return 0;
}

}  // namespace peregrine::controller
