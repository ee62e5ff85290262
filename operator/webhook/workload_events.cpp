// Workload Events for sidecar injection (see workload_events.hpp).
#include "operator/webhook/workload_events.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "operator/kube/well_known_resources.hpp"
#include "operator/webhook/object_fields.hpp"

namespace peregrine::operator_webhook {

nlohmann::json workload_event(const nlohmann::json& workload, const WorkloadEvent& event, kube::SystemTime now,
                              const std::string& reporting_instance) {
  const std::string name = metadata_string(workload, "name");
  const std::string ns = metadata_string(workload, "namespace");
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
  char suffix[32];
  std::snprintf(suffix, sizeof(suffix), "%llx", static_cast<unsigned long long>(nanos));
  nlohmann::json involved{{"apiVersion", workload.value("apiVersion", "apps/v1")},
                          {"kind", workload.value("kind", "")},
                          {"name", name},
                          {"namespace", ns}};
  if (const std::string uid = metadata_string(workload, "uid"); !uid.empty()) involved["uid"] = uid;
  if (const std::string rv = metadata_string(workload, "resourceVersion"); !rv.empty()) {
    involved["resourceVersion"] = rv;
  }
  const std::string timestamp = kube::format_time(now);
  return {{"apiVersion", "v1"},
          {"kind", "Event"},
          {"metadata", {{"name", name + "." + suffix}, {"namespace", ns}}},
          {"involvedObject", involved},
          {"reason", event.reason},
          {"message", event.message},
          {"type", event.warning ? "Warning" : "Normal"},
          {"source", {{"component", kEventComponent}}},
          {"firstTimestamp", timestamp},
          {"lastTimestamp", timestamp},
          {"count", 1},
          {"reportingComponent", kEventComponent},
          {"reportingInstance", reporting_instance}};
}

WorkloadEventRecorder::WorkloadEventRecorder(std::shared_ptr<const kube::RestClient> client,
                                             std::string reporting_instance)
    : client_(std::move(client)), reporting_instance_(std::move(reporting_instance)) {}

void WorkloadEventRecorder::record(const nlohmann::json& workload, const WorkloadEvent& event) {
  // Distinct names even for two events within one clock tick.
  const auto now = std::chrono::system_clock::now() + std::chrono::nanoseconds(sequence_.fetch_add(1) % 1000);
  const nlohmann::json document = workload_event(workload, event, now, reporting_instance_);
  try {
    client_->create(kube::resources::kEvents, metadata_string(workload, "namespace"), document);
    posted_.fetch_add(1);
  } catch (const std::exception& e) {
    spdlog::warn("webhook: cannot post event {} for {}/{}: {}", event.reason, metadata_string(workload, "namespace"),
                 metadata_string(workload, "name"), e.what());
  }
}

}  // namespace peregrine::operator_webhook
