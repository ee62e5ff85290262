// The Kubernetes API test double as a child process (`peregrine-kube-double --port=0 --ports-file=...`), with
// preloaded manifests, a REST client and the real kubectl against it, and `eventually` for polling conditions. The process is
// terminated (SIGTERM, then SIGKILL) when the object goes away.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "operator/kube/rest_client.hpp"
#include "tests/support/kubectl.hpp"

namespace peregrine::webhook_test {

// Polls `condition` every 20 ms until it holds (true) or `timeout` passes (false).
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = std::chrono::seconds(30));

class KubeDoubleProcess {
 public:
  // Starts the binary and waits until it listens. Throws std::runtime_error when it does not come up.
  KubeDoubleProcess(const std::string& binary, const std::vector<std::string>& preload_files);
  ~KubeDoubleProcess();
  KubeDoubleProcess(const KubeDoubleProcess&) = delete;
  KubeDoubleProcess& operator=(const KubeDoubleProcess&) = delete;

  uint16_t port() const { return port_; }
  kube::ClientConfig client_config() const;
  std::shared_ptr<kube::RestClient> client() const { return client_; }
  std::string log() const;
  // The real kubectl against this double (its kubeconfig and cache live in the process's directory).
  test_support::CommandResult kubectl(const std::vector<std::string>& args) const;
  // Writes `text` to <dir>/<name> and returns the path.
  std::string write_file(const std::string& name, const std::string& text) const;

 private:
  std::string dir_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::shared_ptr<kube::RestClient> client_;
};

}  // namespace peregrine::webhook_test
