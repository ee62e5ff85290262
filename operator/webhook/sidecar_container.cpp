// Per-workload agent sidecar container (see sidecar_container.hpp).
#include "operator/webhook/sidecar_container.hpp"

#include "operator/api/options.hpp"
#include "operator/webhook/injection_constants.hpp"
#include "operator/webhook/object_fields.hpp"

namespace peregrine::operator_webhook {

namespace {

Json field_ref_env(const char* name, const char* field_path) {
  return {{"name", name}, {"valueFrom", {{"fieldRef", {{"fieldPath", field_path}}}}}};
}

// Tags carried by the earlier sidecar's args (either flag spelling).
std::map<std::string, std::string> previous_tags(const Json& previous_agent) {
  for (const auto& arg : container_args(previous_agent)) {
    if (arg.starts_with(kAgentTagsFlag)) return parse_agent_tags(arg.substr(std::string_view(kAgentTagsFlag).size()));
    if (arg.starts_with(kLegacyAgentTagsFlag)) {
      return parse_agent_tags(arg.substr(std::string_view(kLegacyAgentTagsFlag).size()));
    }
  }
  return {};
}

}  // namespace

std::map<std::string, std::string> parse_agent_tags(const std::string& value) {
  std::map<std::string, std::string> tags;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find(',', start);
    if (end == std::string::npos) end = value.size();
    const std::string entry = value.substr(start, end - start);
    if (const auto eq = entry.find('='); eq != std::string::npos && eq > 0) {
      tags[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
    start = end + 1;
  }
  return tags;
}

std::string join_agent_tags(const std::map<std::string, std::string>& tags) {
  std::string joined;
  for (const auto& [key, value] : tags) {
    if (!joined.empty()) joined += ',';
    joined += key + "=" + value;
  }
  return joined;
}

Json sidecar_container(const AgentProfile& profile, const SidecarTarget& target) {
  Json container = profile.container;
  std::vector<std::string> args = container_args(container);
  if (!profile.user_sets_tags) {
    std::map<std::string, std::string> tags = previous_tags(target.previous_agent);
    tags["cluster"] = "undefined";  // the cluster name is not known to the operator
    tags[target.name_tag] = target.workload_name;
    tags["pod.namespace"] = target.namespace_name;
    tags["pod.name"] = std::string("${") + kPodNameEnv + ":}";
    tags["host.ip"] = std::string("${") + kHostIpEnv + ":}";
    if (!target.app_container.empty()) tags["container.name"] = target.app_container;
    args.push_back(kAgentTagsFlag + join_agent_tags(tags));
  }
  operator_api::sort_args(args);
  container["args"] = args;
  container["env"] = Json::array({field_ref_env(kPodNameEnv, "metadata.name"), field_ref_env(kHostIpEnv, "status.hostIP")});
  return container;
}

}  // namespace peregrine::operator_webhook
