// Kubernetes Events (core/v1) about workloads, explaining sidecar injection: SidecarInjected / SidecarRemoved
// (Normal), and why nothing was injected (Warning: NoJaegerInstance, JaegerInstanceNotFound, ...). The event
// document is pure; WorkloadEventRecorder posts it, best effort (a refused event is logged, never fatal).
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "operator/kube/k8s_time.hpp"
#include "operator/kube/rest_client.hpp"

namespace peregrine::operator_webhook {

inline constexpr const char* kEventComponent = "peregrine-operator";

struct WorkloadEvent {
  bool warning = false;
  std::string reason;
  std::string message;
};

// The Event about `workload`, named "<workload name>.<hex of now in ns>" in the workload's namespace.
nlohmann::json workload_event(const nlohmann::json& workload, const WorkloadEvent& event, kube::SystemTime now,
                              const std::string& reporting_instance);

class WorkloadEventRecorder {
 public:
  WorkloadEventRecorder(std::shared_ptr<const kube::RestClient> client, std::string reporting_instance);
  void record(const nlohmann::json& workload, const WorkloadEvent& event);
  uint64_t posted() const { return posted_.load(); }

 private:
  std::shared_ptr<const kube::RestClient> client_;
  std::string reporting_instance_;
  std::atomic<uint64_t> posted_{0};
  std::atomic<uint64_t> sequence_{0};
};

}  // namespace peregrine::operator_webhook
