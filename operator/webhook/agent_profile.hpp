// AgentProfile: what injection needs to know about one Jaeger instance — its name and namespace, whether it is
// being deleted or invalid, and the agent container as the instance renders it (image, sorted args including
// the reporter pointing at `<n>-collector-headless.<ns>.svc:14250`, ports, probes, resources, mounts). Built
// from the CR with the agent DaemonSet renderer, so the sidecar and the DaemonSet agree on ports and flags.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "operator/render/render_context.hpp"

namespace peregrine::operator_webhook {

using Json = nlohmann::json;

struct AgentProfile {
  std::string name;
  std::string namespace_name;
  bool being_deleted = false;  // metadata.deletionTimestamp is set
  std::string problem;         // why the CR cannot be rendered ("" when it can)

  // The `jaeger-agent` container without the per-workload parts (tags, downward-API env); null with a problem.
  Json container;
  Json volumes = Json::array();             // the agent's own volumes, added to the pod
  Json image_pull_secrets = Json::array();  // the agent's pull secrets, added to the pod
  bool user_sets_tags = false;              // the CR's agent options already pass --agent.tags / --jaeger.tags

  // Can a sidecar point at this instance?
  bool renderable() const { return problem.empty() && container.is_object(); }
  bool operator==(const AgentProfile&) const = default;
};

// The profile of a Jaeger CR as stored in the cluster (apiVersion jaegertracing.io/v1, kind Jaeger). Never
// throws: an invalid CR yields a profile with `problem` set.
AgentProfile agent_profile_from_cr(const Json& cr, const operator_render::RenderContext& context);

}  // namespace peregrine::operator_webhook
