// kubeconfig parsing and $KUBECONFIG merging.
#include "operator/kube/kubeconfig.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "operator/kube/base64.hpp"

namespace peregrine::kube {
namespace {

struct Entry {
  YAML::Node body;
  std::string base_dir;
};

// Named clusters/users/contexts gathered from one or more files; the first definition of a name wins.
struct MergedKubeconfig {
  std::map<std::string, Entry> clusters;
  std::map<std::string, Entry> users;
  std::map<std::string, Entry> contexts;
  std::string current_context;
  std::string sources;
};

std::string text(const YAML::Node& node, const char* key) {
  if (!node || !node.IsMap()) return "";
  const YAML::Node v = node[key];
  if (!v || !v.IsScalar()) return "";
  return v.as<std::string>();
}

bool flag(const YAML::Node& node, const char* key) {
  if (!node || !node.IsMap()) return false;
  const YAML::Node v = node[key];
  if (!v || !v.IsScalar()) return false;
  try {
    return v.as<bool>();
  } catch (const YAML::Exception&) {
    throw ConfigError(std::string("kubeconfig: ") + key + " must be a boolean");
  }
}

std::string resolve_path(const std::string& path, const std::string& base_dir) {
  if (path.empty() || base_dir.empty()) return path;
  std::filesystem::path p(path);
  if (p.is_absolute()) return path;
  return (std::filesystem::path(base_dir) / p).lexically_normal().string();
}

std::string decode_data(const std::string& encoded, const char* field) {
  try {
    return base64_decode(encoded);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(std::string("kubeconfig: ") + field + " is not valid base64: " + e.what());
  }
}

void absorb_list(const YAML::Node& root, const char* list_key, const char* body_key, const std::string& base_dir,
                 std::map<std::string, Entry>& into) {
  const YAML::Node list = root[list_key];
  if (!list) return;
  if (!list.IsSequence()) throw ConfigError(std::string("kubeconfig: ") + list_key + " must be a list");
  for (const auto& item : list) {
    const std::string name = text(item, "name");
    if (name.empty()) throw ConfigError(std::string("kubeconfig: an entry of ") + list_key + " has no name");
    into.emplace(name, Entry{item[body_key], base_dir});  // emplace keeps the first definition
  }
}

void absorb(MergedKubeconfig& merged, const YAML::Node& root, const std::string& base_dir) {
  if (!root || root.IsNull()) return;
  if (!root.IsMap()) throw ConfigError("kubeconfig: the document must be a mapping");
  if (merged.current_context.empty()) merged.current_context = text(root, "current-context");
  absorb_list(root, "clusters", "cluster", base_dir, merged.clusters);
  absorb_list(root, "users", "user", base_dir, merged.users);
  absorb_list(root, "contexts", "context", base_dir, merged.contexts);
}

ClientConfig resolve(const MergedKubeconfig& merged, const std::string& context_override) {
  const std::string context_name = context_override.empty() ? merged.current_context : context_override;
  if (context_name.empty()) throw ConfigError("kubeconfig: no current-context is set");
  const auto ctx_it = merged.contexts.find(context_name);
  if (ctx_it == merged.contexts.end()) throw ConfigError("kubeconfig: context \"" + context_name + "\" not found");
  const YAML::Node& ctx = ctx_it->second.body;
  const std::string cluster_name = text(ctx, "cluster");
  const auto cluster_it = merged.clusters.find(cluster_name);
  if (cluster_it == merged.clusters.end()) {
    throw ConfigError("kubeconfig: cluster \"" + cluster_name + "\" of context \"" + context_name + "\" not found");
  }
  const YAML::Node& cluster = cluster_it->second.body;
  const std::string& cluster_dir = cluster_it->second.base_dir;

  ClientConfig config;
  config.server = text(cluster, "server");
  if (config.server.empty()) throw ConfigError("kubeconfig: cluster \"" + cluster_name + "\" has no server");
  while (!config.server.empty() && config.server.back() == '/') config.server.pop_back();
  if (auto data = text(cluster, "certificate-authority-data"); !data.empty()) {
    config.ca_pem = decode_data(data, "certificate-authority-data");
  }
  config.ca_file = resolve_path(text(cluster, "certificate-authority"), cluster_dir);
  config.insecure_skip_tls_verify = flag(cluster, "insecure-skip-tls-verify");
  config.tls_server_name = text(cluster, "tls-server-name");
  config.proxy_url = text(cluster, "proxy-url");

  const std::string user_name = text(ctx, "user");
  if (!user_name.empty()) {
    const auto user_it = merged.users.find(user_name);
    if (user_it == merged.users.end()) {
      throw ConfigError("kubeconfig: user \"" + user_name + "\" of context \"" + context_name + "\" not found");
    }
    const YAML::Node& user = user_it->second.body;
    const std::string& user_dir = user_it->second.base_dir;
    if (user && user.IsMap()) {
      if (user["exec"]) throw ConfigError("kubeconfig: user \"" + user_name + "\" uses an exec plugin (not supported)");
      if (user["auth-provider"]) {
        throw ConfigError("kubeconfig: user \"" + user_name + "\" uses an auth-provider (not supported)");
      }
    }
    if (auto data = text(user, "client-certificate-data"); !data.empty()) {
      config.client_cert_pem = decode_data(data, "client-certificate-data");
    }
    if (auto data = text(user, "client-key-data"); !data.empty()) {
      config.client_key_pem = decode_data(data, "client-key-data");
    }
    config.client_cert_file = resolve_path(text(user, "client-certificate"), user_dir);
    config.client_key_file = resolve_path(text(user, "client-key"), user_dir);
    config.bearer_token = text(user, "token");
    config.bearer_token_file = resolve_path(text(user, "tokenFile"), user_dir);
    config.username = text(user, "username");
    config.password = text(user, "password");
  }
  const bool has_cert = !config.client_cert_pem.empty() || !config.client_cert_file.empty();
  const bool has_key = !config.client_key_pem.empty() || !config.client_key_file.empty();
  if (has_cert != has_key) {
    throw ConfigError("kubeconfig: user \"" + user_name + "\" needs both a client certificate and a client key");
  }
  if (auto ns = text(ctx, "namespace"); !ns.empty()) config.default_namespace = ns;
  config.source = "kubeconfig:" + merged.sources + "#" + context_name;
  return config;
}

YAML::Node parse_yaml(std::string_view yaml_text, const std::string& what) {
  try {
    return YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    throw ConfigError("kubeconfig " + what + ": invalid YAML: " + e.what());
  }
}

}  // namespace

ClientConfig parse_kubeconfig(std::string_view yaml_text, const std::string& base_dir,
                              const std::string& context_override) {
  MergedKubeconfig merged;
  absorb(merged, parse_yaml(yaml_text, "document"), base_dir);
  merged.sources = "<inline>";
  return resolve(merged, context_override);
}

ClientConfig load_kubeconfig_files(const std::vector<std::string>& paths, const std::string& context_override) {
  MergedKubeconfig merged;
  bool any = false;
  for (const auto& path : paths) {
    std::ifstream in(path);
    if (!in) continue;
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string dir = std::filesystem::absolute(std::filesystem::path(path)).parent_path().string();
    absorb(merged, parse_yaml(ss.str(), path), dir);
    if (!merged.sources.empty()) merged.sources += ":";
    merged.sources += path;
    any = true;
  }
  if (!any) {
    std::string list;
    for (const auto& p : paths) list += (list.empty() ? "" : ", ") + p;
    throw ConfigError("kubeconfig: cannot read any of: " + list);
  }
  return resolve(merged, context_override);
}

std::vector<std::string> split_kubeconfig_env(std::string_view value) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= value.size()) {
    const size_t colon = value.find(':', start);
    const size_t end = colon == std::string_view::npos ? value.size() : colon;
    if (end > start) out.emplace_back(value.substr(start, end - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  return out;
}

}  // namespace peregrine::kube
