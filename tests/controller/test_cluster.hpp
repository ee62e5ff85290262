// Test support for end-to-end controller tests: an in-process Kubernetes API double (with the Jaeger CRD
// preloaded), a kubeconfig pointing at it for the real kubectl, a REST client for assertions, kubectl and
// subprocess runners, a small HTTP GET, and `eventually` (polls a condition until it holds or a deadline).
#pragma once
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "operator/controller/controller_manager.hpp"
#include "operator/kube/rest_client.hpp"
#include "tests/kube-apiserver-double/kube_api_double.hpp"
#include "tests/support/kubectl.hpp"

namespace peregrine::controller::testing {

using Json = nlohmann::json;

// Polls `condition` every few milliseconds until it returns true (true) or `timeout` passes (false).
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = std::chrono::seconds(60));

using test_support::CommandResult;

// GET http://127.0.0.1:<port><path>; status 0 when the connection failed.
struct HttpResult {
  long status = 0;
  std::string body;
};
HttpResult http_get(uint16_t port, const std::string& path);

// A child process with its output in a log file; killed (SIGKILL) on destruction if still running.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const std::string& log_file);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  pid_t pid() const { return pid_; }
  void signal(int signal_number) const;
  // Waits for the exit; the exit code (128+signal when killed), or nullopt after `timeout`.
  std::optional<int> wait(std::chrono::milliseconds timeout);
  std::string log() const;

 private:
  pid_t pid_ = -1;
  std::string log_file_;
  std::optional<int> exit_code_;
};

class TestCluster {
 public:
  TestCluster();  // starts the double on an ephemeral port, writes the kubeconfig
  ~TestCluster();

  kubedouble::KubeApiDouble& api() { return *double_; }
  const std::string& dir() const { return dir_; }
  const std::string& kubeconfig() const { return kubeconfig_; }
  const kube::RestClient& client() const { return *client_; }
  kube::ClientConfig client_config() const;

  // Runs /usr/bin/kubectl with the generated kubeconfig (stderr merged into the output).
  CommandResult kubectl(const std::vector<std::string>& args) const;
  // Writes `yaml` to a file in the test directory and `kubectl apply -f`s it; returns kubectl's result.
  CommandResult kubectl_apply(const std::string& yaml) const;

  std::optional<Json> get(const kube::GroupVersionResource& gvr, const std::string& ns, const std::string& name) const;
  // Owned objects of every kind carrying app.kubernetes.io/instance=<instance> in `ns`.
  std::vector<Json> instance_objects(const std::string& ns, const std::string& instance) const;
  std::optional<Json> jaeger(const std::string& ns, const std::string& name) const;
  std::string jaeger_phase(const std::string& ns, const std::string& name) const;
  std::vector<Json> events(const std::string& ns) const;
  uint64_t writes() const;

  // A ControllerManager against this cluster, health/metrics on ephemeral ports; waits until ready.
  std::unique_ptr<ControllerManager> start_operator(const std::function<void(ControllerOptions&)>& tweak = {});

 private:
  std::string dir_;
  std::string kubeconfig_;
  std::unique_ptr<kubedouble::KubeApiDouble> double_;
  std::unique_ptr<kube::RestClient> client_;
};

// Waits until the manager has nothing queued, in flight or waiting and neither the API writes nor the number
// of reconciles move between consecutive polls.
bool wait_until_settled(const TestCluster& cluster, const ControllerManager& manager);

}  // namespace peregrine::controller::testing
