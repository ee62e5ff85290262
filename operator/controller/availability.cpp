// Workload availability from Deployment/DaemonSet status.
#include "operator/controller/availability.hpp"

namespace peregrine::controller {

namespace {

int64_t int_at(const Json& object, const char* section, const char* field, int64_t fallback) {
  const auto part = object.find(section);
  if (part == object.end() || !part->is_object()) return fallback;
  const auto it = part->find(field);
  return it != part->end() && it->is_number() ? it->get<int64_t>() : fallback;
}

int64_t generation(const Json& object) {
  const auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) return 0;
  return meta->value("generation", int64_t{0});
}

// "" when available, otherwise why not.
std::string waiting_reason(const Json& workload) {
  const std::string kind = workload.value("kind", "");
  const std::string name = workload.contains("metadata") ? workload["metadata"].value("name", "") : "";
  const int64_t observed_generation = int_at(workload, "status", "observedGeneration", generation(workload));
  if (observed_generation < generation(workload)) return kind + " " + name + " has a pending rollout";
  if (kind == "Deployment") {
    const int64_t wanted = int_at(workload, "spec", "replicas", 1);
    const int64_t available = int_at(workload, "status", "availableReplicas", 0);
    if (available < wanted) {
      return kind + " " + name + " has " + std::to_string(available) + "/" + std::to_string(wanted) +
             " replicas available";
    }
    return "";
  }
  if (kind == "DaemonSet") {
    const int64_t scheduled = int_at(workload, "status", "desiredNumberScheduled", -1);
    const int64_t available = int_at(workload, "status", "numberAvailable", 0);
    if (scheduled < 0) return kind + " " + name + " has no status yet";
    if (available < scheduled) {
      return kind + " " + name + " has " + std::to_string(available) + "/" + std::to_string(scheduled) +
             " pods available";
    }
    return "";
  }
  return "";
}

}  // namespace

Availability workloads_availability(const std::vector<Json>& workloads) {
  Availability result;
  int counted = 0;
  for (const auto& workload : workloads) {
    const std::string kind = workload.value("kind", "");
    if (kind != "Deployment" && kind != "DaemonSet") continue;
    ++counted;
    const std::string reason = waiting_reason(workload);
    if (reason.empty()) continue;
    if (result.available) {
      result.available = false;
      result.message = reason;
    } else {
      result.message += "; " + reason;
    }
  }
  if (result.available) result.message = "all " + std::to_string(counted) + " workloads available";
  return result;
}

}  // namespace peregrine::controller
