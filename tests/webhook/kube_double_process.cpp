// peregrine-kube-double as a child process (see kube_double_process.hpp).
#include "tests/webhook/kube_double_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace peregrine::webhook_test {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool exited(pid_t pid) {
  int status = 0;
  return waitpid(pid, &status, WNOHANG) == pid;
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

KubeDoubleProcess::KubeDoubleProcess(const std::string& binary, const std::vector<std::string>& preload_files) {
  std::string pattern = (std::filesystem::temp_directory_path() / "webhook-kube-double-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory");
  dir_ = pattern;
  const std::string ports_file = dir_ + "/ports.json";
  const std::string log_file = dir_ + "/double.log";

  std::vector<std::string> argv{binary, "--port=0", "--ports-file=" + ports_file};
  for (const auto& file : preload_files) argv.push_back("--preload=" + file);
  std::vector<char*> args;
  for (auto& arg : argv) args.push_back(arg.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  const int spawned = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot start " + binary);

  const bool up = eventually(
      [&] {
        if (exited(pid_)) return true;
        return std::filesystem::exists(ports_file);
      },
      std::chrono::seconds(30));
  if (!up || !std::filesystem::exists(ports_file)) {
    const std::string log = read_file(log_file);
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    throw std::runtime_error("peregrine-kube-double did not start: " + log);
  }
  port_ = nlohmann::json::parse(read_file(ports_file)).at("http").get<uint16_t>();
  client_ = std::make_shared<kube::RestClient>(client_config());
  test_support::write_kubeconfig(dir_ + "/kubeconfig", client_config().server);
}

KubeDoubleProcess::~KubeDoubleProcess() {
  client_.reset();
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    if (!eventually([&] { return exited(pid_); }, std::chrono::seconds(10))) {
      ::kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  std::error_code ignored;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

kube::ClientConfig KubeDoubleProcess::client_config() const {
  kube::ClientConfig config;
  config.server = "http://127.0.0.1:" + std::to_string(port_);
  config.default_namespace = "default";
  config.qps = 0;
  config.user_agent = "peregrine-webhook-test";
  return config;
}

std::string KubeDoubleProcess::log() const { return read_file(dir_ + "/double.log"); }

test_support::CommandResult KubeDoubleProcess::kubectl(const std::vector<std::string>& args) const {
  return test_support::run_kubectl(dir_ + "/kubeconfig", dir_ + "/kube-cache", args);
}

std::string KubeDoubleProcess::write_file(const std::string& name, const std::string& text) const {
  const std::string path = dir_ + "/" + name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace peregrine::webhook_test
