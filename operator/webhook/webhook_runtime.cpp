// Sidecar injection wiring (see webhook_runtime.hpp).
#include "operator/webhook/webhook_runtime.hpp"

#include <spdlog/spdlog.h>

#include "operator/webhook/webhook_api_calls.hpp"
#include "operator/webhook/webhook_http.hpp"

namespace peregrine::operator_webhook {

namespace {

void log_admission(const AdmissionResult& result) {
  if (!result.request || !result.outcome) return;
  const auto& request = *result.request;
  const auto& decision = result.outcome->decision;
  if (result.outcome->changed()) {
    spdlog::info("webhook: {} {} {}/{}: {} ({})", request.operation, request.kind, request.namespace_name,
                 request.name, to_string(decision.action), decision.reason);
  } else if (decision.warning) {
    spdlog::info("webhook: {} {} {}/{}: nothing injected: {}", request.operation, request.kind,
                 request.namespace_name, request.name, decision.reason);
  }
}

}  // namespace

WebhookRuntime::WebhookRuntime(std::shared_ptr<const kube::RestClient> client, WebhookOptions options)
    : client_(std::move(client)), options_(std::move(options)) {
  if (options_.operator_namespace.empty()) options_.operator_namespace = client_->config().default_namespace;
  context_ = std::make_unique<ClusterInjectionContext>(client_, options_.watch_namespaces, options_.render_context,
                                                       options_.namespace_poll);
  InjectionReconcilerOptions reconciler_options;
  reconciler_options.watch_namespaces = options_.watch_namespaces;
  reconciler_options.workers = options_.injection_workers;
  reconciler_options.reporting_instance = options_.reporting_instance;
  reconciler_ = std::make_unique<InjectionReconciler>(client_, *context_, reconciler_options);
}

WebhookRuntime::~WebhookRuntime() { stop(); }

void WebhookRuntime::start() {
  if (started_) return;
  started_ = true;
  declare_webhook_api_calls();
  context_->start();
  if (!options_.webhook_enabled) {
    spdlog::info("webhook: disabled; annotated workloads are patched by the operator");
    return;
  }
  TlsServerOptions server_options;
  server_options.bind_address = options_.bind_address;
  server_options.name = "webhook";
  server_ = std::make_unique<TlsServer>(server_options, webhook_http_handler(*context_, log_admission));
  start_certificates();
  server_->start();
}

void WebhookRuntime::start_certificates() {
  if (options_.cert_mode == CertificateMode::Mounted) {
    mounted_ = std::make_unique<MountedCertificateWatcher>(
        options_.cert_dir, options_.certificate_poll, [this](const TlsCertificate& certificate) {
          try {
            server_->set_certificate(certificate);
            return true;
          } catch (const std::exception& e) {
            spdlog::warn("webhook: the certificate in {} cannot be used: {}", options_.cert_dir, e.what());
            return false;
          }
        });
    if (!mounted_->poll()) {
      throw std::runtime_error("webhook: no usable tls.crt and tls.key in " + options_.cert_dir);
    }
    mounted_->start();
    return;
  }
  CertificateManagerOptions manager_options;
  manager_options.settings = options_.certificate_settings();
  manager_options.secret_namespace = options_.operator_namespace;
  manager_options.secret_name = options_.secret_name;
  manager_options.webhook_configuration_name = options_.configuration_name;
  manager_options.resync_period = options_.certificate_resync;
  certificates_ = std::make_unique<CertificateManager>(
      client_, manager_options, [this](const CertificateBundle& bundle) {
        try {
          server_->set_certificate(bundle.serving_certificate());
        } catch (const std::exception& e) {
          spdlog::error("webhook: the generated certificate cannot be served: {}", e.what());
        }
      });
  certificates_->sync();
  if (!server_->has_certificate()) throw std::runtime_error("webhook: no usable serving certificate");
  certificates_->start();
}

void WebhookRuntime::start_reconciler() {
  if (reconciler_started_) return;
  reconciler_started_ = true;
  reconciler_->start();
}

void WebhookRuntime::stop() {
  if (certificates_) certificates_->stop();
  if (mounted_) mounted_->stop();
  if (server_) server_->stop();
  if (reconciler_) reconciler_->stop();
  if (context_) context_->stop();
}

uint16_t WebhookRuntime::webhook_port() const { return server_ ? server_->port() : 0; }

std::string WebhookRuntime::not_ready_reason() const {
  if (!started_) return "sidecar injection not started";
  if (!context_->ready()) return "sidecar injection caches not synced";
  return "";
}

InjectionReconcilerStats WebhookRuntime::reconciler_stats() const { return reconciler_->stats(); }

bool WebhookRuntime::reconciler_running() const { return reconciler_->workers_running(); }

std::optional<CertificateBundle> WebhookRuntime::certificates() const {
  return certificates_ ? certificates_->current() : std::nullopt;
}

}  // namespace peregrine::operator_webhook
