// peregrine-kube-double: runs the in-memory Kubernetes API server test double until SIGINT/SIGTERM.
//   --port=N (0 = ephemeral)  --host=ADDR  --ports-file=PATH (writes {"http":N} atomically once listening)
//   --preload=FILE (repeatable: YAML/JSON manifests, e.g. CRDs)  --history-size=N  --bookmark-interval-ms=N
//   --log-requests  --no-defaulting  --no-validation
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include "tests/kube-apiserver-double/kube_api_double.hpp"

namespace {

void usage() {
  std::cerr << "usage: peregrine-kube-double [--port=N] [--host=ADDR] [--ports-file=PATH] [--preload=FILE]...\n"
               "                             [--history-size=N] [--bookmark-interval-ms=N] [--log-requests]\n"
               "                             [--no-defaulting] [--no-validation]\n";
}

bool write_ports_file(const std::string& path, uint16_t port) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return false;
    out << "{\"http\":" << port << "}\n";
    if (!out.flush()) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

bool take_value(const std::string& arg, const char* name, std::string& value) {
  const std::string prefix = std::string(name) + "=";
  if (arg.rfind(prefix, 0) != 0) return false;
  value = arg.substr(prefix.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  peregrine::kubedouble::DoubleOptions options;
  std::string ports_file;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      std::string value;
      if (arg == "--help" || arg == "-h") {
        usage();
        return 0;
      } else if (take_value(arg, "--port", value)) {
        options.port = static_cast<uint16_t>(std::stoi(value));
      } else if (take_value(arg, "--host", value)) {
        options.host = value;
      } else if (take_value(arg, "--ports-file", value)) {
        ports_file = value;
      } else if (take_value(arg, "--preload", value)) {
        options.preload_files.push_back(value);
      } else if (take_value(arg, "--history-size", value)) {
        options.store.history_limit = std::stoul(value);
      } else if (take_value(arg, "--bookmark-interval-ms", value)) {
        options.store.bookmark_interval = std::chrono::milliseconds(std::stoll(value));
      } else if (arg == "--log-requests") {
        options.log_requests = true;
      } else if (arg == "--no-defaulting") {
        options.store.defaulting = false;
      } else if (arg == "--no-validation") {
        options.store.validation = false;
      } else {
        std::cerr << "unknown flag: " << arg << "\n";
        usage();
        return 2;
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "invalid flag value: " << e.what() << "\n";
    return 2;
  }

  // Block the stop signals in every thread; the main thread waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  peregrine::kubedouble::KubeApiDouble api(options);
  try {
    api.start();
  } catch (const std::exception& e) {
    std::cerr << "peregrine-kube-double: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "peregrine-kube-double listening on " << api.url() << "\n";
  if (!ports_file.empty() && !write_ports_file(ports_file, api.port())) {
    std::cerr << "peregrine-kube-double: cannot write " << ports_file << "\n";
    return 1;
  }
  int received = 0;
  sigwait(&signals, &received);
  api.stop();
  return 0;
}
