// Owned kinds and their REST resources.
#include "operator/controller/owned_kinds.hpp"

#include "operator/kube/well_known_resources.hpp"

namespace peregrine::controller {

const kube::GroupVersionResource kJaegerResource{"jaegertracing.io", "v1", "jaegers", true};

namespace {

// "autoscaling/v2" → {"autoscaling", "v2"}.
std::pair<std::string, std::string> split_api_version(const std::string& api_version) {
  const auto slash = api_version.find('/');
  if (slash == std::string::npos) return {"", api_version};
  return {api_version.substr(0, slash), api_version.substr(slash + 1)};
}

kube::GroupVersionResource with_api_version(kube::GroupVersionResource resource, const std::string& api_version) {
  auto [group, version] = split_api_version(api_version);
  resource.group = group;
  resource.version = version;
  return resource;
}

}  // namespace

std::vector<OwnedKind> owned_kinds(const operator_render::RenderContext& context) {
  namespace r = kube::resources;
  return {
      {"ServiceAccount", r::kServiceAccounts},
      {"ConfigMap", r::kConfigMaps},
      {"Job", r::kJobs},
      {"Service", r::kServices},
      {"Deployment", r::kDeployments},
      {"DaemonSet", r::kDaemonSets},
      {"HorizontalPodAutoscaler", with_api_version(r::kHorizontalPodAutoscalers, context.autoscaling_api_version)},
      {"Ingress", r::kIngresses},
      {"CronJob", with_api_version(r::kCronJobs, context.cronjob_api_version)},
  };
}

std::optional<OwnedKind> owned_kind_for(const std::vector<OwnedKind>& kinds, const std::string& api_version,
                                        const std::string& kind) {
  for (const auto& owned : kinds) {
    if (owned.kind == kind && owned.resource.api_version() == api_version) return owned;
  }
  return std::nullopt;
}

std::string owned_label_selector() { return std::string(kManagedByLabel) + "=" + kManagedByValue; }

}  // namespace peregrine::controller
