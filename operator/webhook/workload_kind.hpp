// The workload kinds sidecar injection handles (apps/v1 Deployment, StatefulSet, DaemonSet): their kind names,
// REST resources and the agent tag that carries the workload's name.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "operator/kube/group_version_resource.hpp"

namespace peregrine::operator_webhook {

enum class WorkloadKind { Deployment, StatefulSet, DaemonSet };

struct WorkloadKindInfo {
  WorkloadKind kind;
  std::string kind_name;             // "Deployment"
  kube::GroupVersionResource gvr;    // apps/v1 deployments
  std::string name_tag;              // agent tag holding the workload name: "deployment.name", ...
};

// Every supported kind, Deployment first.
const std::vector<WorkloadKindInfo>& workload_kinds();
const WorkloadKindInfo& workload_kind_info(WorkloadKind kind);

// From an object's apiVersion + kind ("apps/v1", "Deployment"); nullopt for anything else.
std::optional<WorkloadKind> workload_kind_of(std::string_view api_version, std::string_view kind);
// From an admission request's resource (group "apps", version "v1", resource "deployments").
std::optional<WorkloadKind> workload_kind_of_resource(std::string_view group, std::string_view version,
                                                      std::string_view resource);

}  // namespace peregrine::operator_webhook
