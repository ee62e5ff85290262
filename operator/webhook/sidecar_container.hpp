// The `jaeger-agent` sidecar container for one workload: the instance's agent container (AgentProfile) plus the
// per-workload parts — `--agent.tags=` with cluster, <kind>.name, pod.namespace, pod.name, host.ip and, when the
// pod has a single application container, container.name (tags of an earlier sidecar are kept, ours win) —
// and POD_NAME / HOST_IP from the downward API. Args are sorted, so re-rendering an injected workload is stable.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "operator/webhook/agent_profile.hpp"

namespace peregrine::operator_webhook {

struct SidecarTarget {
  std::string name_tag;        // "deployment.name", "statefulset.name", "daemonset.name"
  std::string workload_name;
  std::string namespace_name;
  std::string app_container;   // the single application container's name, "" when there are several
  Json previous_agent;         // the sidecar injected earlier (null when none)
};

Json sidecar_container(const AgentProfile& profile, const SidecarTarget& target);

// "k1=v1,k2=v2" ↔ map (entries without '=' are dropped; joined sorted by key).
std::map<std::string, std::string> parse_agent_tags(const std::string& value);
std::string join_agent_tags(const std::map<std::string, std::string>& tags);

}  // namespace peregrine::operator_webhook
