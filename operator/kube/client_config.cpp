// Loaders for ClientConfig: in-cluster service account and the default search order.
#include "operator/kube/client_config.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "operator/kube/kubeconfig.hpp"
#include "operator/kube/token_source.hpp"

namespace peregrine::kube {
namespace {

std::string env_or_empty(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

std::string trimmed_file_contents(const std::string& path) {
  std::ifstream in(path);
  if (!in) return "";
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

}  // namespace

InClusterEnvironment InClusterEnvironment::from_process() {
  InClusterEnvironment env;
  env.service_host = env_or_empty("KUBERNETES_SERVICE_HOST");
  env.service_port = env_or_empty("KUBERNETES_SERVICE_PORT");
  return env;
}

bool InClusterEnvironment::available() const {
  std::error_code ec;
  return !service_host.empty() && !service_port.empty() && std::filesystem::exists(token_file, ec);
}

ClientConfig in_cluster_config(const InClusterEnvironment& env) {
  if (env.service_host.empty() || env.service_port.empty()) {
    throw ConfigError("not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set");
  }
  ClientConfig config;
  const bool ipv6 = env.service_host.find(':') != std::string::npos;
  config.server = "https://" + (ipv6 ? "[" + env.service_host + "]" : env.service_host) + ":" + env.service_port;
  read_token_file(env.token_file);  // fails early (ConfigError) when the token is unreadable
  config.bearer_token_file = env.token_file;
  std::error_code ec;
  if (std::filesystem::exists(env.ca_file, ec)) config.ca_file = env.ca_file;
  if (std::string ns = trimmed_file_contents(env.namespace_file); !ns.empty()) config.default_namespace = ns;
  config.source = "in-cluster";
  return config;
}

ClientConfig load_default_config(const std::string& explicit_kubeconfig, const std::string& context) {
  if (!explicit_kubeconfig.empty()) return load_kubeconfig_files({explicit_kubeconfig}, context);
  if (auto paths = split_kubeconfig_env(env_or_empty("KUBECONFIG")); !paths.empty()) {
    return load_kubeconfig_files(paths, context);
  }
  if (auto env = InClusterEnvironment::from_process(); env.available()) return in_cluster_config(env);
  const std::string home = env_or_empty("HOME");
  if (!home.empty()) {
    const std::string path = home + "/.kube/config";
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return load_kubeconfig_files({path}, context);
  }
  throw ConfigError("no Kubernetes configuration found: set KUBECONFIG, run in a pod, or create ~/.kube/config");
}

void apply_rate_limit_overrides(ClientConfig& config, double qps, int burst) {
  if (qps > 0) config.qps = qps;
  if (burst > 0) config.burst = burst;
}

}  // namespace peregrine::kube
