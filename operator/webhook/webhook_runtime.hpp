// WebhookRuntime: sidecar injection wired for peregrine-operator — the Jaeger/Namespace caches
// (ClusterInjectionContext), the HTTPS admission webhook with its certificates (operator-managed with caBundle
// patching, or mounted files), and the reconciler that patches workloads. start() serves on every replica;
// start_reconciler() runs where the controller reconciles (the leader, with leader election).
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "operator/kube/rest_client.hpp"
#include "operator/webhook/certificate_manager.hpp"
#include "operator/webhook/cluster_injection_context.hpp"
#include "operator/webhook/injection_reconciler.hpp"
#include "operator/webhook/mounted_certificate_watcher.hpp"
#include "operator/webhook/tls_server.hpp"
#include "operator/webhook/webhook_options.hpp"

namespace peregrine::operator_webhook {

class WebhookRuntime {
 public:
  WebhookRuntime(std::shared_ptr<const kube::RestClient> client, WebhookOptions options);
  ~WebhookRuntime();  // stop()
  WebhookRuntime(const WebhookRuntime&) = delete;
  WebhookRuntime& operator=(const WebhookRuntime&) = delete;

  // Declares the API calls, starts the caches and, with the webhook enabled, gets a certificate and serves
  // HTTPS. Throws std::runtime_error when the address cannot be bound or no certificate can be had.
  void start();
  // Starts the reconciler (idempotent). Call after start().
  void start_reconciler();
  // Stops everything. Idempotent.
  void stop();

  uint16_t webhook_port() const;  // 0 when the webhook is disabled or not started
  // "" once the caches are synced, else why not (for /readyz).
  std::string not_ready_reason() const;
  InjectionReconcilerStats reconciler_stats() const;
  bool reconciler_running() const;
  // Operator certificate mode: the certificates in use.
  std::optional<CertificateBundle> certificates() const;
  const WebhookOptions& options() const { return options_; }
  // The cluster facts injection decides on (Jaeger instances, Namespace annotations).
  const InjectionContext& context() const { return *context_; }

 private:
  void start_certificates();

  std::shared_ptr<const kube::RestClient> client_;
  WebhookOptions options_;
  std::unique_ptr<ClusterInjectionContext> context_;
  std::unique_ptr<InjectionReconciler> reconciler_;
  std::unique_ptr<TlsServer> server_;
  std::unique_ptr<CertificateManager> certificates_;
  std::unique_ptr<MountedCertificateWatcher> mounted_;
  bool started_ = false;
  bool reconciler_started_ = false;
};

}  // namespace peregrine::operator_webhook
