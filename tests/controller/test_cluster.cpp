// End-to-end test support: API double, kubeconfig, kubectl, subprocesses, HTTP GET, polling.
#include "tests/controller/test_cluster.hpp"

#include <curl/curl.h>
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "operator/controller/owned_kinds.hpp"
#include "operator/kube/well_known_resources.hpp"

extern char** environ;

namespace peregrine::controller::testing {

namespace {

size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

HttpResult http_get(uint16_t port, const std::string& path) {
  HttpResult result;
  CURL* curl = curl_easy_init();
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  curl_easy_cleanup(curl);
  return result;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const std::string& log_file) : log_file_(log_file) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  if (posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ) != 0) pid_ = -1;
  posix_spawn_file_actions_destroy(&actions);
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !exit_code_) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

void ChildProcess::signal(int signal_number) const {
  if (pid_ > 0 && !exit_code_) ::kill(pid_, signal_number);
}

std::optional<int> ChildProcess::wait(std::chrono::milliseconds timeout) {
  if (exit_code_ || pid_ <= 0) return exit_code_;
  eventually(
      [this] {
        int status = 0;
        const pid_t done = waitpid(pid_, &status, WNOHANG);
        if (done != pid_) return false;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return true;
      },
      timeout);
  return exit_code_;
}

std::string ChildProcess::log() const { return read_file(log_file_); }

TestCluster::TestCluster() {
  char pattern[] = "/tmp/peregrine-controller-XXXXXX";
  dir_ = mkdtemp(pattern);
  kubedouble::DoubleOptions options;
  options.preload_files.push_back(std::string(PEREGRINE_SOURCE_DIR) + "/crds/jaegertracing.io_jaegers.yaml");
  double_ = std::make_unique<kubedouble::KubeApiDouble>(options);
  double_->start();
  kubeconfig_ = dir_ + "/kubeconfig";
  test_support::write_kubeconfig(kubeconfig_, double_->url());
  client_ = std::make_unique<kube::RestClient>(client_config());
}

TestCluster::~TestCluster() {
  double_->stop();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

kube::ClientConfig TestCluster::client_config() const {
  kube::ClientConfig config;
  config.server = double_->url();
  config.qps = 0;  // no client-side limit in tests
  config.default_namespace = "default";
  return config;
}

CommandResult TestCluster::kubectl(const std::vector<std::string>& args) const {
  return test_support::run_kubectl(kubeconfig_, dir_ + "/kube-cache", args);
}

CommandResult TestCluster::kubectl_apply(const std::string& yaml) const {
  static int counter = 0;
  const std::string path = dir_ + "/manifest-" + std::to_string(++counter) + ".yaml";
  std::ofstream(path) << yaml;
  return kubectl({"apply", "-f", path});
}

std::optional<Json> TestCluster::get(const kube::GroupVersionResource& gvr, const std::string& ns,
                                     const std::string& name) const {
  return client_->get_if_exists(gvr, ns, name);
}

std::vector<Json> TestCluster::instance_objects(const std::string& ns, const std::string& instance) const {
  std::vector<Json> found;
  kube::ListOptions options;
  options.label_selector = std::string(kInstanceLabel) + "=" + instance + "," + owned_label_selector();
  for (const auto& kind : owned_kinds(operator_render::RenderContext{})) {
    for (auto& item : client_->list(kind.resource, ns, options).items) found.push_back(std::move(item));
  }
  return found;
}

std::optional<Json> TestCluster::jaeger(const std::string& ns, const std::string& name) const {
  return client_->get_if_exists(kJaegerResource, ns, name);
}

std::string TestCluster::jaeger_phase(const std::string& ns, const std::string& name) const {
  const auto cr = jaeger(ns, name);
  if (!cr || !cr->contains("status")) return "";
  return (*cr)["status"].value("phase", "");
}

std::vector<Json> TestCluster::events(const std::string& ns) const {
  return client_->list(kube::resources::kEvents, ns).items;
}

uint64_t TestCluster::writes() const { return double_->stats().writes(); }

std::unique_ptr<ControllerManager> TestCluster::start_operator(const std::function<void(ControllerOptions&)>& tweak) {
  ManagerSettings settings;
  settings.options.health_probe_bind_address = "127.0.0.1:0";
  settings.options.metrics_bind_address = "127.0.0.1:0";
  settings.options.workers = 3;
  if (tweak) tweak(settings.options);
  settings.client_config = client_config();
  settings.operator_version = "9.9.9";
  auto manager = std::make_unique<ControllerManager>(std::move(settings));
  manager->start();
  const bool ready = eventually([&] { return manager->not_ready_reason().empty(); });
  if (!ready) ADD_FAILURE() << "operator not ready: " << manager->not_ready_reason();
  return manager;
}

bool wait_until_settled(const TestCluster& cluster, const ControllerManager& manager) {
  int quiet_polls = 0;
  uint64_t writes = cluster.writes();
  uint64_t reconciles = manager.reconciles();
  return eventually([&] {
    const auto queue = manager.queue_stats();
    const bool idle = queue.depth == 0 && queue.processing == 0 && queue.waiting == 0;
    const uint64_t now_writes = cluster.writes();
    const uint64_t now_reconciles = manager.reconciles();
    const bool still = now_writes == writes && now_reconciles == reconciles;
    writes = now_writes;
    reconciles = now_reconciles;
    quiet_polls = idle && still ? quiet_polls + 1 : 0;
    return quiet_polls >= 10;
  });
}

}  // namespace peregrine::controller::testing
