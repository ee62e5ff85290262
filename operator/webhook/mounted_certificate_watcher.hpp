// MountedCertificateWatcher: the "mounted" certificate mode — tls.crt and tls.key from a directory (a Secret
// volume written by cert-manager or the Helm chart), re-read periodically so a renewed certificate is served
// without a restart. Kubernetes swaps Secret volume contents atomically; a half-written or mismatched pair is
// ignored until it becomes consistent.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "operator/kube/stop_signal.hpp"
#include "operator/webhook/tls_server.hpp"

namespace peregrine::operator_webhook {

// Reads <dir>/tls.crt and <dir>/tls.key; nullopt when either is missing or empty.
std::optional<TlsCertificate> read_certificate_dir(const std::string& dir);

class MountedCertificateWatcher {
 public:
  // `on_change` returns false when it could not use the certificate (the watcher tries again next time).
  MountedCertificateWatcher(std::string dir, std::chrono::milliseconds poll_period,
                            std::function<bool(const TlsCertificate&)> on_change);
  ~MountedCertificateWatcher();
  MountedCertificateWatcher(const MountedCertificateWatcher&) = delete;
  MountedCertificateWatcher& operator=(const MountedCertificateWatcher&) = delete;

  // Reads the directory once and hands a new certificate to the listener; true when one is in use.
  bool poll();
  void start();
  void stop();

 private:
  std::string dir_;
  std::chrono::milliseconds poll_period_;
  std::function<bool(const TlsCertificate&)> on_change_;
  std::optional<TlsCertificate> current_;
  std::optional<TlsCertificate> rejected_;
  kube::StopSignal stop_;
  std::thread thread_;
};

}  // namespace peregrine::operator_webhook
