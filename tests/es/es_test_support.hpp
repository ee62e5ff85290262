// Test support for the Elasticsearch tests: child processes (the peregrine-es-double binary and the
// es-index-cleaner / es-rollover tools) started with posix_spawn and always reaped, readiness through the
// double's ports file (never sleeps as synchronisation), admin calls to the double (over HTTPS when the double
// serves TLS), and span builders.
#pragma once
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "backend/esutil/es_http_client.hpp"
#include "backend/model/span.hpp"

extern char** environ;

namespace peregrine::estest {

inline std::filesystem::path make_temp_dir(const std::string& tag) {
  std::string tmpl = (std::filesystem::temp_directory_path() / ("peregrine-" + tag + "-XXXXXX")).string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

// A spawned process; SIGTERM + waitpid on destruction.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& extra_env,
               const std::string& output_file) {
    std::vector<std::string> env_strings;
    for (char** e = environ; e && *e; ++e) {
      std::string kv = *e;
      std::string key = kv.substr(0, kv.find('='));
      if (!extra_env.count(key)) env_strings.push_back(kv);
    }
    for (const auto& [k, v] : extra_env) env_strings.push_back(k + "=" + v);
    std::vector<char*> args, envp;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    int rc = posix_spawn(&pid_, argv[0].c_str(), &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  }
  ~ChildProcess() { stop(); }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Waits for exit; returns the exit code (or 128 + signal).
  int wait() {
    if (pid_ <= 0) return exit_code_;
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return exit_code_;
  }
  bool running() {
    if (pid_ <= 0) return false;
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return false;
    }
    return true;
  }
  void stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      wait();
    }
  }

 private:
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct ToolResult {
  int exit_code = -1;
  std::string output;
};

// Runs a tool to completion.
inline ToolResult run_tool(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {}) {
  auto dir = make_temp_dir("tool");
  const std::string out = (dir / "output.txt").string();
  ToolResult r;
  {
    ChildProcess p(argv, env, out);
    r.exit_code = p.wait();
  }
  r.output = read_file(out);
  std::filesystem::remove_all(dir);
  return r;
}

// TLS of the double: its certificate and key, the CA it requires client certificates from ("" = none), and
// the client TLS the test's own admin calls use.
struct EsDoubleTls {
  std::string cert_file;
  std::string key_file;
  std::string client_ca_file;
  esutil::EsTlsOptions admin;
};

// The peregrine-es-double binary on an ephemeral port (HTTPS when given TLS settings).
class EsDoubleProcess {
 public:
  explicit EsDoubleProcess(std::vector<std::string> extra_args = {}, std::optional<EsDoubleTls> tls = std::nullopt)
      : dir_(make_temp_dir("es-double")), tls_(tls.has_value()) {
    const std::string ports = (dir_ / "ports.json").string();
    std::vector<std::string> argv{PEREGRINE_ES_DOUBLE_BIN, "--listen=127.0.0.1:0", "--ports-file=" + ports};
    for (auto& a : extra_args) argv.push_back(a);
    if (tls) {
      argv.push_back("--tls-cert=" + tls->cert_file);
      argv.push_back("--tls-key=" + tls->key_file);
      if (!tls->client_ca_file.empty()) argv.push_back("--tls-client-ca=" + tls->client_ca_file);
    }
    process_ = std::make_unique<ChildProcess>(argv, std::map<std::string, std::string>{}, (dir_ / "log.txt").string());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!std::filesystem::exists(ports)) {
      if (!process_->running()) throw std::runtime_error("es double exited: " + read_file((dir_ / "log.txt").string()));
      if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("es double did not start");
      std::this_thread::sleep_for(std::chrono::milliseconds(5));  // polling for the ports file
    }
    port_ = nlohmann::json::parse(read_file(ports))["http"].get<int>();
    esutil::EsClientOptions o;
    o.servers = {url()};
    if (tls) o.tls = tls->admin;
    admin_ = std::make_unique<esutil::EsHttpClient>(o);
  }
  ~EsDoubleProcess() {
    process_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string url() const { return (tls_ ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_); }
  int port() const { return port_; }

  nlohmann::json admin(const std::string& method, const std::string& path, const std::string& body = "") {
    auto r = admin_->request(method, path, body);
    if (!r.ok()) throw std::runtime_error("double admin " + path + " failed: " + r.describe());
    return nlohmann::json::parse(r.body);
  }
  esutil::EsResponse raw(const std::string& method, const std::string& path, const std::string& body = "",
                         const std::string& content_type = "application/json") {
    return admin_->request(method, path, body, content_type);
  }
  nlohmann::json stats() { return admin("GET", "/_double/stats"); }
  void faults(const nlohmann::json& plan) { admin("POST", "/_double/faults", plan.dump()); }
  void clear_faults() { admin("DELETE", "/_double/faults"); }
  nlohmann::json docs(const std::string& index) { return admin("GET", "/_double/indices/" + index + "/docs")["docs"]; }
  uint64_t request_count(const std::string& kind) {
    auto s = stats();
    return s["requests"].value(kind, uint64_t{0});
  }
  void create_index(const std::string& name, int64_t creation_ms, const nlohmann::json& aliases = nlohmann::json::object()) {
    admin("POST", "/_double/indices/" + name, nlohmann::json{{"creation_date", creation_ms}, {"aliases", aliases}}.dump());
  }
  std::vector<std::string> index_names() {
    std::vector<std::string> out;
    const auto s = stats();
    for (auto& [k, _] : s["indices"].items()) out.push_back(k);
    return out;
  }

 private:
  std::filesystem::path dir_;
  bool tls_ = false;
  std::unique_ptr<ChildProcess> process_;
  int port_ = 0;
  std::unique_ptr<esutil::EsHttpClient> admin_;
};

inline model::ProcessPtr process(std::string service, model::KeyValues tags = {}) {
  auto p = std::make_shared<model::Process>();
  p->service_name = std::move(service);
  p->tags = std::move(tags);
  return p;
}

inline model::Span make_span(uint64_t trace_low, uint64_t span_id, model::ProcessPtr proc, std::string op,
                             int64_t start_us, int64_t duration_us = 1000) {
  model::Span s;
  s.trace_id = model::TraceID{0, trace_low};
  s.span_id = span_id;
  s.process = std::move(proc);
  s.operation_name = std::move(op);
  s.start_time_us = start_us;
  s.duration_us = duration_us;
  return s;
}

inline int64_t now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline int64_t now_millis() { return now_micros() / 1000; }

}  // namespace peregrine::estest
