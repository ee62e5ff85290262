// kubeconfig parsing (YAML via yaml-cpp): clusters, users, contexts, current-context; certificate-authority(-data),
// client-certificate(-data), client-key(-data), token, tokenFile, username/password, insecure-skip-tls-verify,
// tls-server-name, proxy-url, context namespace. exec and auth-provider plugins are rejected with ConfigError.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "operator/kube/client_config.hpp"

namespace peregrine::kube {

// Parses one kubeconfig document. Relative file references resolve against base_dir (the file's folder).
// context_override selects a context other than current-context.
ClientConfig parse_kubeconfig(std::string_view yaml_text, const std::string& base_dir,
                              const std::string& context_override = "");

// Loads and merges several kubeconfig files ($KUBECONFIG semantics: the first file that defines a cluster, user,
// context or current-context wins). Missing files are skipped; throws ConfigError if none could be read.
ClientConfig load_kubeconfig_files(const std::vector<std::string>& paths, const std::string& context_override = "");

// Splits a $KUBECONFIG value on ':' dropping empty entries.
std::vector<std::string> split_kubeconfig_env(std::string_view value);

}  // namespace peregrine::kube
