// Which HorizontalPodAutoscaler and CronJob API versions the cluster serves (autoscaling/v2 from Kubernetes
// 1.23, batch/v1 CronJobs from 1.21; older clusters only have the beta versions), read from discovery. The
// renderers and the owned informers then use the served version.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace peregrine::controller {

struct ServedApiVersions {
  std::string autoscaling = "autoscaling/v2";
  std::string cronjob = "batch/v1";
};

// `discover(path)` returns the APIResourceList at "/apis/<group>/<version>", or nullopt when not served.
// Falls back to the current versions when neither is listed.
ServedApiVersions choose_api_versions(
    const std::function<std::optional<nlohmann::json>(const std::string& path)>& discover);

}  // namespace peregrine::controller
