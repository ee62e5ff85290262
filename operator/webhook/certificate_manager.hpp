// CertificateManager: the operator's own webhook certificates ("operator" certificate mode, no cert-manager).
// Each sync reads the Secret (pre-created empty by the chart / manifests; only get and update are needed),
// renews what the rotation plan says (certificate_rotation.hpp) and writes it back with the Secret's
// resourceVersion — several replicas converge on whichever write wins —, patches the CA bundle into the
// MutatingWebhookConfiguration, and hands a changed bundle to the listener (the TLS server: hot reload).
// It syncs again at the renewal time, and at least every `resync_period` to pick up other replicas' renewals.
// Without the Secret the certificates live in memory only (fine for a single replica; logged).
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "operator/kube/rest_client.hpp"
#include "operator/kube/stop_signal.hpp"
#include "operator/webhook/certificate_rotation.hpp"

namespace peregrine::operator_webhook {

struct CertificateManagerOptions {
  CertificateSettings settings;
  std::string secret_namespace;           // where the Secret lives (the operator's namespace)
  std::string secret_name;                // "" = in memory only
  std::string webhook_configuration_name;  // "" = do not patch any caBundle
  std::chrono::milliseconds resync_period{std::chrono::minutes(1)};
  std::chrono::milliseconds retry_period{std::chrono::seconds(5)};  // after a failed sync
  std::function<SystemTime()> clock = [] { return std::chrono::system_clock::now(); };
};

struct CertificateSyncResult {
  CertificateBundle bundle;
  RotationAction action = RotationAction::Keep;  // what this sync did
  bool stored = false;                           // written to the Secret
  bool ca_bundle_published = false;              // the webhook configuration was patched
  std::string error;                             // a part that failed (the bundle is still usable)
};

class CertificateManager {
 public:
  using Listener = std::function<void(const CertificateBundle&)>;

  CertificateManager(std::shared_ptr<const kube::RestClient> client, CertificateManagerOptions options,
                     Listener on_change);
  ~CertificateManager();
  CertificateManager(const CertificateManager&) = delete;
  CertificateManager& operator=(const CertificateManager&) = delete;

  // One pass (also what the background loop runs). Throws only when no usable bundle exists at all.
  CertificateSyncResult sync();
  // Background loop: sync at the renewal time / every resync_period, sooner after a failure.
  void start();
  void stop();

  std::optional<CertificateBundle> current() const;

 private:
  void loop();

  std::shared_ptr<const kube::RestClient> client_;
  CertificateManagerOptions options_;
  Listener on_change_;
  mutable std::mutex mutex_;
  std::optional<CertificateBundle> current_;
  bool warned_missing_secret_ = false;
  kube::StopSignal stop_;
  std::thread thread_;
};

}  // namespace peregrine::operator_webhook
