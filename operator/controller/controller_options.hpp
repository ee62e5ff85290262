// Command-line flags and environment of the controller mode (`peregrine-operator run`), in controller-runtime /
// Jaeger operator spelling: --kubeconfig, --leader-elect, --lease-namespace (default $POD_NAMESPACE),
// --leader-election-id, --health-probe-bind-address (":8081"), --metrics-bind-address (":8383", "0" disables),
// --workers, --kube-api-qps, --kube-api-burst, --ports-file, --log-level; WATCH_NAMESPACE (comma list, empty =
// the whole cluster; --watch-namespace overrides). Flags take "--name=value" or "--name value". Pure.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace peregrine::controller {

struct ControllerOptions {
  std::vector<std::string> watch_namespaces;  // empty = all namespaces
  std::string kubeconfig;                     // "" = $KUBECONFIG, in-cluster, ~/.kube/config
  bool leader_elect = false;
  std::string lease_namespace;  // "" = the client configuration's namespace
  std::string leader_election_id = "peregrine-operator-lock";
  std::string health_probe_bind_address = ":8081";  // "0" disables
  std::string metrics_bind_address = ":8383";       // "0" disables
  int workers = 4;
  double kube_api_qps = 0;  // <= 0: client default (20)
  int kube_api_burst = 0;   // <= 0: client default (30)
  std::string ports_file;   // written once listening: {"health":N,"metrics":N,"webhook":N}
  std::string log_level = "info";
};

struct ParsedControllerOptions {
  ControllerOptions options;
  bool help = false;
  std::string error;  // set when the arguments are invalid
};

using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// `args` excludes the program name (and the `run` subcommand).
ParsedControllerOptions parse_controller_options(const std::vector<std::string>& args, const EnvironmentLookup& env);

std::string controller_usage();

}  // namespace peregrine::controller
