// Table of the workload kinds sidecar injection handles.
#include "operator/webhook/workload_kind.hpp"

#include "operator/kube/well_known_resources.hpp"

namespace peregrine::operator_webhook {

const std::vector<WorkloadKindInfo>& workload_kinds() {
  // The Jaeger operator tags Deployments with "deployment.name"; the other kinds follow the same pattern.
  static const std::vector<WorkloadKindInfo> kinds{
      {WorkloadKind::Deployment, "Deployment", kube::resources::kDeployments, "deployment.name"},
      {WorkloadKind::StatefulSet, "StatefulSet", kube::resources::kStatefulSets, "statefulset.name"},
      {WorkloadKind::DaemonSet, "DaemonSet", kube::resources::kDaemonSets, "daemonset.name"},
  };
  return kinds;
}

const WorkloadKindInfo& workload_kind_info(WorkloadKind kind) {
  for (const auto& info : workload_kinds()) {
    if (info.kind == kind) return info;
  }
  return workload_kinds().front();
}

std::optional<WorkloadKind> workload_kind_of(std::string_view api_version, std::string_view kind) {
  for (const auto& info : workload_kinds()) {
    if (info.gvr.api_version() == api_version && info.kind_name == kind) return info.kind;
  }
  return std::nullopt;
}

std::optional<WorkloadKind> workload_kind_of_resource(std::string_view group, std::string_view version,
                                                      std::string_view resource) {
  for (const auto& info : workload_kinds()) {
    if (info.gvr.group == group && info.gvr.version == version && info.gvr.resource == resource) return info.kind;
  }
  return std::nullopt;
}

}  // namespace peregrine::operator_webhook
