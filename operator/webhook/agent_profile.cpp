// AgentProfile from a Jaeger CR: the agent DaemonSet renderer produces the container, which is then adapted to
// a sidecar (no host ports, the Jaeger operator's sidecar rules for volumes and security context).
#include "operator/webhook/agent_profile.hpp"

#include <exception>

#include "operator/api/load.hpp"
#include "operator/render/agent_daemonset.hpp"
#include "operator/render/instance.hpp"
#include "operator/render/k8s_json.hpp"
#include "operator/render/naming.hpp"
#include "operator/webhook/injection_constants.hpp"
#include "operator/webhook/object_fields.hpp"

namespace peregrine::operator_webhook {

namespace {

std::string join_errors(const std::vector<std::string>& errors) {
  std::string text;
  for (const auto& error : errors) {
    if (!text.empty()) text += "; ";
    text += error;
  }
  return text;
}

// The CR reshaped so the DaemonSet renderer yields the sidecar's container: DaemonSet strategy, the reporter
// address with the `.svc` suffix the sidecar uses, only the agent's own volumes (the instance's top-level
// volumes belong to Jaeger's pods, not to the application's) and the sidecar security context.
operator_api::Jaeger sidecar_shaped(operator_api::Jaeger jaeger, const std::string& reporter_address) {
  auto& spec = jaeger.spec;
  spec.agent.strategy = "DaemonSet";
  if (!spec.agent.options.contains(kReporterHostPortOption)) {
    spec.agent.options.set(kReporterHostPortOption, reporter_address);
  }
  spec.common.volumes = Json::array();
  spec.common.volume_mounts = Json::array();
  spec.common.container_security_context.reset();
  spec.agent.common.container_security_context = spec.agent.sidecar_security_context;
  return jaeger;
}

Json without_host_ports(const Json& ports) {
  Json result = Json::array();
  for (Json port : ports) {
    if (port.is_object()) port.erase("hostPort");
    result.push_back(std::move(port));
  }
  return result;
}

bool sets_tags(const Json& container) {
  for (const auto& arg : container_args(container)) {
    if (arg.starts_with(kAgentTagsFlag) || arg.starts_with(kLegacyAgentTagsFlag)) return true;
  }
  return false;
}

}  // namespace

AgentProfile agent_profile_from_cr(const Json& cr, const operator_render::RenderContext& context) {
  AgentProfile profile;
  profile.name = metadata_string(cr, "name");
  profile.namespace_name = metadata_string(cr, "namespace");
  if (profile.namespace_name.empty()) profile.namespace_name = context.default_namespace;
  profile.being_deleted = cr.is_object() && cr.contains("metadata") && cr["metadata"].is_object() &&
                          cr["metadata"].contains("deletionTimestamp") &&
                          !cr["metadata"]["deletionTimestamp"].is_null();
  try {
    const operator_api::LoadResult loaded = operator_api::load_jaeger(cr);
    if (!loaded.ok() || !loaded.jaeger) {
      profile.problem = "invalid Jaeger resource: " + join_errors(loaded.errors);
      return profile;
    }
    const operator_render::Instance original(*loaded.jaeger, context);
    const std::string reporter = "dns:///" + operator_render::collector_headless_service_name(original) + "." +
                                 original.namespace_name + ".svc:14250";
    const operator_api::Jaeger shaped = sidecar_shaped(*loaded.jaeger, reporter);
    const operator_render::Instance instance(shaped, context);
    const std::optional<Json> daemonset = operator_render::render_agent_daemonset(instance);
    if (!daemonset) {
      profile.problem = "the agent could not be rendered";
      return profile;
    }
    const Json& pod = (*daemonset)["spec"]["template"]["spec"];
    Json container = pod["containers"][0];
    container["name"] = kAgentContainerName;
    if (container.contains("ports")) container["ports"] = without_host_ports(container["ports"]);
    profile.container = std::move(container);
    profile.volumes = pod.value("volumes", Json::array());
    profile.image_pull_secrets = shaped.spec.agent.common.image_pull_secrets;
    profile.user_sets_tags = sets_tags(profile.container);
  } catch (const std::exception& e) {
    profile.problem = std::string("the Jaeger resource could not be rendered: ") + e.what();
    profile.container = nullptr;
  }
  return profile;
}

}  // namespace peregrine::operator_webhook
