// The real kubectl for end-to-end tests against the Kubernetes API test double: a kubeconfig pointing at the
// double's plain-HTTP address (a token the double does not check) and a runner that returns kubectl's exit code
// with its stdout and stderr together (so tests see the "Warning: ..." lines kubectl prints).
#pragma once
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace peregrine::test_support {

inline constexpr const char* kKubectl = "/usr/bin/kubectl";

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

inline std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// Runs `command` with /bin/sh, stderr merged into the captured output.
inline CommandResult run_shell(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Writes a kubeconfig with one context "double" for `server` (e.g. "http://127.0.0.1:12345").
inline void write_kubeconfig(const std::string& path, const std::string& server) {
  std::ofstream out(path);
  out << "apiVersion: v1\nkind: Config\n"
      << "clusters:\n- name: double\n  cluster:\n    server: " << server << "\n"
      << "users:\n- name: tester\n  user:\n    token: test-token\n"
      << "contexts:\n- name: double\n  context:\n    cluster: double\n    user: tester\n    namespace: default\n"
      << "current-context: double\n";
}

// kubectl with a given kubeconfig and its discovery cache in `cache_dir`.
inline CommandResult run_kubectl(const std::string& kubeconfig, const std::string& cache_dir,
                                 const std::vector<std::string>& args) {
  std::string command = std::string(kKubectl) + " --kubeconfig=" + shell_quote(kubeconfig) +
                        " --cache-dir=" + shell_quote(cache_dir) + " --request-timeout=30s";
  for (const auto& arg : args) command += " " + shell_quote(arg);
  return run_shell(command);
}

}  // namespace peregrine::test_support
