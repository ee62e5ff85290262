// Availability of an instance's workloads, read from the status the cluster reports on its Deployments and
// DaemonSets (a Deployment is available when status.availableReplicas reaches spec.replicas for the current
// generation; a DaemonSet when every scheduled pod is available). Pure: the controller re-evaluates it on every
// workload event instead of waiting for readiness.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace peregrine::controller {

using Json = nlohmann::json;

struct Availability {
  bool available = true;
  std::string message;  // "all 2 workloads available" or the first workloads still waiting
};

Availability workloads_availability(const std::vector<Json>& workloads);

}  // namespace peregrine::controller
