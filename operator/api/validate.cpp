// Validation rules for the Jaeger CR, one small check per field family.
#include "operator/api/validate.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <set>
#include <sstream>

#include "operator/api/go_duration.hpp"

namespace peregrine::operator_api {

namespace {

using Errors = std::vector<std::string>;

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

void check_one_of(Errors& errors, const std::string& path, const std::string& value,
                  std::initializer_list<std::string_view> allowed, bool ignore_case = false) {
  if (value.empty()) return;
  std::string listed;
  for (auto candidate : allowed) {
    if (ignore_case ? equals_ignore_case(candidate, value) : candidate == value) return;
    listed += (listed.empty() ? "" : ", ") + std::string(candidate);
  }
  errors.push_back(path + ": unsupported value \"" + value + "\" (supported: " + listed + ")");
}

void check_name(Errors& errors, const std::string& name) {
  if (name.empty()) return;  // normalize() falls back to "my-jaeger", as the Jaeger operator does
  // Objects are named "<name>-agent-daemonset" at most, which must stay a DNS subdomain (253 chars).
  constexpr std::size_t kMaxLength = 253 - std::string_view("-agent-daemonset").size();
  bool valid_chars = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
  });
  if (!valid_chars || !std::isalpha(static_cast<unsigned char>(name.front())) ||
      !std::isalnum(static_cast<unsigned char>(name.back()))) {
    errors.push_back("metadata.name: \"" + name +
                     "\" must consist of lower case letters, digits, '-' or '.', start with a letter (Services are "
                     "named after it) and end with a letter or digit");
  }
  if (name.size() > kMaxLength) {
    errors.push_back("metadata.name: must be at most " + std::to_string(kMaxLength) + " characters, got " +
                     std::to_string(name.size()));
  }
}

std::set<std::string> volume_names(const Json& volumes) {
  std::set<std::string> names;
  for (const auto& volume : volumes) {
    if (volume.contains("name") && volume["name"].is_string()) names.insert(volume["name"].get<std::string>());
  }
  return names;
}

// Every mount of `component` (and of the top-level spec when `top` is given) must name a volume that the
// pod will have: one of the component's or the top-level volumes.
void check_mounts(Errors& errors, const std::string& path, const CommonSpec& component, const CommonSpec* top) {
  std::set<std::string> names = volume_names(component.volumes);
  if (top) names.merge(volume_names(top->volumes));
  auto check = [&](const Json& mounts, const std::string& where) {
    for (std::size_t i = 0; i < mounts.size(); ++i) {
      const Json& mount = mounts[i];
      std::string item = where + ".volumeMounts[" + std::to_string(i) + "]";
      if (!mount.contains("name") || !mount["name"].is_string() || !mount.contains("mountPath") ||
          !mount["mountPath"].is_string()) {
        errors.push_back(item + ": needs a string name and mountPath");
        continue;
      }
      if (!names.contains(mount["name"].get<std::string>())) {
        errors.push_back(item + ": refers to volume \"" + mount["name"].get<std::string>() +
                         "\", which is not declared in " + where + ".volumes" + (top ? " nor in spec.volumes" : ""));
      }
    }
  };
  check(component.volume_mounts, path);
}

void check_volumes(Errors& errors, const std::string& path, const CommonSpec& common) {
  for (std::size_t i = 0; i < common.volumes.size(); ++i) {
    const Json& volume = common.volumes[i];
    if (!volume.contains("name") || !volume["name"].is_string() || volume["name"].get<std::string>().empty()) {
      errors.push_back(path + ".volumes[" + std::to_string(i) + "]: needs a name");
    }
  }
}

void check_common(Errors& errors, const std::string& path, const CommonSpec& common, const CommonSpec* top) {
  check_volumes(errors, path, common);
  check_mounts(errors, path, common, top);
  check_one_of(errors, path + ".imagePullPolicy", common.image_pull_policy, {"Always", "IfNotPresent", "Never"});
}

void check_duration(Errors& errors, const std::string& path, const std::string& value) {
  if (value.empty()) return;
  auto parsed = parse_go_duration(value);
  if (!parsed || parsed->count() < 0) {
    errors.push_back(path + ": \"" + value + "\" is not a duration such as \"48h\", \"90m\" or \"1h30m\"");
  }
}

void check_schedule(Errors& errors, const std::string& path, const std::string& schedule) {
  if (schedule.empty()) return;
  if (schedule.front() == '@') return;  // @daily, @hourly, ...
  std::istringstream fields(schedule);
  std::string field;
  int count = 0;
  while (fields >> field) ++count;
  if (count != 5) {
    errors.push_back(path + ": \"" + schedule + "\" is not a cron schedule with 5 fields (minute hour day month weekday)");
  }
}

void check_autoscale(Errors& errors, const std::string& path, const AutoScaleSpec& spec) {
  if (spec.min_replicas && *spec.min_replicas < 1) errors.push_back(path + ".minReplicas: must be at least 1");
  if (spec.max_replicas && *spec.max_replicas < 1) errors.push_back(path + ".maxReplicas: must be at least 1");
  if (spec.min_replicas && spec.max_replicas && *spec.min_replicas > *spec.max_replicas) {
    errors.push_back(path + ".minReplicas: " + std::to_string(*spec.min_replicas) + " is greater than maxReplicas " +
                     std::to_string(*spec.max_replicas));
  }
}

void check_deployment_strategy(Errors& errors, const std::string& path, const std::optional<Json>& strategy) {
  if (!strategy || !strategy->contains("type")) return;
  const Json& type = (*strategy)["type"];
  if (!type.is_string()) {
    errors.push_back(path + ".type: expected a string");
    return;
  }
  check_one_of(errors, path + ".type", type.get<std::string>(), {"Recreate", "RollingUpdate"});
  if (type == "Recreate" && strategy->contains("rollingUpdate")) {
    errors.push_back(path + ".rollingUpdate: may not be set when type is Recreate");
  }
}

void check_service_type(Errors& errors, const std::string& path, const std::string& type) {
  // ExternalName services need spec.externalName and select no pods, so they cannot front a Jaeger component.
  check_one_of(errors, path, type, {"ClusterIP", "NodePort", "LoadBalancer"});
}

}  // namespace

std::vector<std::string> validate(const Jaeger& jaeger) {
  Errors errors;
  const JaegerSpec& spec = jaeger.spec;
  check_name(errors, jaeger.metadata.name);

  check_common(errors, "spec", spec.common, nullptr);
  check_common(errors, "spec.allInOne", spec.all_in_one.common, &spec.common);
  check_common(errors, "spec.query", spec.query.common, &spec.common);
  check_common(errors, "spec.collector", spec.collector.common, &spec.common);
  check_common(errors, "spec.ingester", spec.ingester.common, &spec.common);
  check_common(errors, "spec.agent", spec.agent.common, &spec.common);
  check_common(errors, "spec.ingress", spec.ingress.common, &spec.common);
  check_common(errors, "spec.storage.esIndexCleaner", spec.storage.es_index_cleaner.common, &spec.common);
  check_common(errors, "spec.storage.esRollover", spec.storage.es_rollover.common, &spec.common);
  // The spark-dependencies job mounts only its own volumes, as in the Jaeger operator.
  check_common(errors, "spec.storage.dependencies", spec.storage.dependencies.common, nullptr);

  check_one_of(errors, "spec.agent.strategy", spec.agent.strategy, {"DaemonSet", "Sidecar"}, true);
  check_one_of(errors, "spec.agent.dnsPolicy", spec.agent.dns_policy,
               {"ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"});
  check_service_type(errors, "spec.query.serviceType", spec.query.service_type);
  check_service_type(errors, "spec.collector.serviceType", spec.collector.service_type);
  check_one_of(errors, "spec.ingress.pathType", spec.ingress.path_type, {"Exact", "Prefix", "ImplementationSpecific"});
  check_one_of(errors, "spec.ingress.security", spec.ingress.security, {"none", "oauth-proxy"});
  check_one_of(errors, "spec.allInOne.metricsStorage.type", spec.all_in_one.metrics_storage.type, {"prometheus"});
  check_one_of(errors, "spec.query.metricsStorage.type", spec.query.metrics_storage.type, {"prometheus"});
  if (spec.query.node_port > 65535) errors.push_back("spec.query.nodePort: must be a port number");
  if (spec.query.grpc_node_port > 65535) errors.push_back("spec.query.grpcNodePort: must be a port number");

  check_autoscale(errors, "spec.collector", spec.collector.autoscale);
  check_autoscale(errors, "spec.ingester", spec.ingester.autoscale);
  check_deployment_strategy(errors, "spec.allInOne.strategy", spec.all_in_one.strategy);
  check_deployment_strategy(errors, "spec.query.strategy", spec.query.strategy);
  check_deployment_strategy(errors, "spec.collector.strategy", spec.collector.strategy);
  check_deployment_strategy(errors, "spec.ingester.strategy", spec.ingester.strategy);

  const StorageSpec& storage = spec.storage;
  check_duration(errors, "spec.storage.esRollover.readTTL", storage.es_rollover.read_ttl);
  check_duration(errors, "spec.storage.cassandraCreateSchema.timeout", storage.cassandra_create_schema.timeout);
  check_duration(errors, "spec.storage.cassandraCreateSchema.traceTTL", storage.cassandra_create_schema.trace_ttl);
  check_schedule(errors, "spec.storage.esIndexCleaner.schedule", storage.es_index_cleaner.schedule);
  check_schedule(errors, "spec.storage.esRollover.schedule", storage.es_rollover.schedule);
  check_schedule(errors, "spec.storage.dependencies.schedule", storage.dependencies.schedule);
  return errors;
}

}  // namespace peregrine::operator_api
