// Flag and environment parsing for the controller mode.
#include "operator/controller/controller_options.hpp"

#include <charconv>
#include <map>

#include "operator/kube/watch_namespaces.hpp"

namespace peregrine::controller {

namespace {

enum class FlagType { String, Bool, Int, Double };

struct FlagValue {
  std::string name;
  std::string value;
};

bool parse_bool(const std::string& text, bool& out) {
  if (text == "true" || text == "1" || text == "t" || text == "True" || text == "TRUE") {
    out = true;
    return true;
  }
  if (text == "false" || text == "0" || text == "f" || text == "False" || text == "FALSE") {
    out = false;
    return true;
  }
  return false;
}

bool parse_int(const std::string& text, int& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

bool parse_double(const std::string& text, double& out) {
  try {
    size_t used = 0;
    out = std::stod(text, &used);
    return used == text.size();
  } catch (const std::exception&) {
    return false;
  }
}

const std::map<std::string, FlagType>& known_flags() {
  static const std::map<std::string, FlagType> flags = {
      {"kubeconfig", FlagType::String},
      {"leader-elect", FlagType::Bool},
      {"lease-namespace", FlagType::String},
      {"leader-election-id", FlagType::String},
      {"health-probe-bind-address", FlagType::String},
      {"metrics-bind-address", FlagType::String},
      {"workers", FlagType::Int},
      {"kube-api-qps", FlagType::Double},
      {"kube-api-burst", FlagType::Int},
      {"ports-file", FlagType::String},
      {"log-level", FlagType::String},
      {"watch-namespace", FlagType::String},
  };
  return flags;
}

}  // namespace

ParsedControllerOptions parse_controller_options(const std::vector<std::string>& args, const EnvironmentLookup& env) {
  ParsedControllerOptions parsed;
  ControllerOptions& options = parsed.options;
  if (env) {
    if (auto namespaces = env("WATCH_NAMESPACE")) options.watch_namespaces = kube::parse_watch_namespaces(*namespaces);
    if (auto pod_namespace = env("POD_NAMESPACE")) options.lease_namespace = *pod_namespace;
  }

  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (arg == "-h" || arg == "--help" || arg == "help") {
      parsed.help = true;
      return parsed;
    }
    if (arg.rfind("--", 0) != 0 && !(arg.size() > 1 && arg[0] == '-')) {
      parsed.error = "unexpected argument \"" + arg + "\"";
      return parsed;
    }
    arg = arg.substr(arg.rfind("--", 0) == 0 ? 2 : 1);
    std::string name = arg;
    std::optional<std::string> value;
    if (const auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    const auto flag = known_flags().find(name);
    if (flag == known_flags().end()) {
      parsed.error = "unknown flag --" + name;
      return parsed;
    }
    if (!value) {
      if (flag->second == FlagType::Bool) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        parsed.error = "flag --" + name + " needs a value";
        return parsed;
      }
    }
    bool ok = true;
    if (name == "kubeconfig") {
      options.kubeconfig = *value;
    } else if (name == "leader-elect") {
      ok = parse_bool(*value, options.leader_elect);
    } else if (name == "lease-namespace") {
      options.lease_namespace = *value;
    } else if (name == "leader-election-id") {
      options.leader_election_id = *value;
      ok = !value->empty();
    } else if (name == "health-probe-bind-address") {
      options.health_probe_bind_address = *value;
    } else if (name == "metrics-bind-address") {
      options.metrics_bind_address = *value;
    } else if (name == "workers") {
      ok = parse_int(*value, options.workers) && options.workers > 0;
    } else if (name == "kube-api-qps") {
      ok = parse_double(*value, options.kube_api_qps);
    } else if (name == "kube-api-burst") {
      ok = parse_int(*value, options.kube_api_burst);
    } else if (name == "ports-file") {
      options.ports_file = *value;
    } else if (name == "log-level") {
      options.log_level = *value;
    } else if (name == "watch-namespace") {
      options.watch_namespaces = kube::parse_watch_namespaces(*value);
    }
    if (!ok) {
      parsed.error = "invalid value \"" + *value + "\" for flag --" + name;
      return parsed;
    }
  }
  return parsed;
}

std::string controller_usage() {
  return "peregrine-operator [run] [flags]   watch Jaeger CRs and reconcile their objects\n"
         "\n"
         "Flags:\n"
         "  --kubeconfig PATH                  kubeconfig (default: $KUBECONFIG, in-cluster, ~/.kube/config)\n"
         "  --watch-namespace NS[,NS...]       namespaces to watch (default: $WATCH_NAMESPACE; empty = all)\n"
         "  --leader-elect                     elect a leader on a coordination.k8s.io Lease\n"
         "  --lease-namespace NS               namespace of the Lease (default: $POD_NAMESPACE)\n"
         "  --leader-election-id NAME          name of the Lease (default: peregrine-operator-lock)\n"
         "  --health-probe-bind-address ADDR   /healthz and /readyz (default :8081; 0 disables)\n"
         "  --metrics-bind-address ADDR        Prometheus /metrics (default :8383; 0 disables)\n"
         "  --workers N                        concurrent reconciles (default 4)\n"
         "  --kube-api-qps QPS                 client-side request rate limit (default 20)\n"
         "  --kube-api-burst N                 client-side burst (default 30)\n"
         "  --ports-file PATH                  write {\"health\":N,\"metrics\":N,\"webhook\":N} once listening\n"
         "  --log-level LEVEL                  debug, info, warn, error (default info)\n"
         "\n"
         "Environment: WATCH_NAMESPACE, POD_NAMESPACE, KUBECONFIG, RELATED_IMAGE_* (image overrides).\n";
}

}  // namespace peregrine::controller
