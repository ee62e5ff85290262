// Event documents and posting.
#include "operator/controller/kube_event.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "operator/kube/object_key.hpp"
#include "operator/kube/well_known_resources.hpp"

namespace peregrine::controller {

Json build_event(const Json& involved, const EventSpec& spec, kube::SystemTime now, const std::string& unique_suffix,
                 const std::string& reporting_instance) {
  const std::string ns = kube::object_namespace(involved);
  const std::string name = kube::object_name(involved);
  Json involved_ref = {{"apiVersion", involved.value("apiVersion", "")},
                       {"kind", involved.value("kind", "")},
                       {"name", name},
                       {"namespace", ns}};
  if (const std::string uid = kube::object_uid(involved); !uid.empty()) involved_ref["uid"] = uid;
  if (const std::string rv = kube::object_resource_version(involved); !rv.empty()) involved_ref["resourceVersion"] = rv;
  const std::string timestamp = kube::format_time(now);
  return {{"apiVersion", "v1"},
          {"kind", "Event"},
          {"metadata", {{"name", name + "." + unique_suffix}, {"namespace", ns}}},
          {"involvedObject", involved_ref},
          {"reason", spec.reason},
          {"message", spec.message},
          {"type", spec.type},
          {"source", {{"component", kEventComponent}}},
          {"firstTimestamp", timestamp},
          {"lastTimestamp", timestamp},
          {"count", 1},
          {"reportingComponent", kEventComponent},
          {"reportingInstance", reporting_instance}};
}

EventRecorder::EventRecorder(std::shared_ptr<const kube::RestClient> client, std::string reporting_instance)
    : client_(std::move(client)), reporting_instance_(std::move(reporting_instance)) {
  kube::DeclaredApiCalls::global().declare({"create"}, kube::resources::kEvents);
}

void EventRecorder::record(const Json& involved, const EventSpec& spec) {
  const auto now = std::chrono::system_clock::now();
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
  char suffix[40];
  std::snprintf(suffix, sizeof suffix, "%llx%04llx", static_cast<unsigned long long>(nanos),
                static_cast<unsigned long long>(sequence_.fetch_add(1) & 0xffff));
  const Json event = build_event(involved, spec, now, suffix, reporting_instance_);
  try {
    client_->create(kube::resources::kEvents, kube::object_namespace(involved), event);
    ++posted_;
  } catch (const std::exception& e) {
    ++failed_;
    spdlog::warn("event {} for {} not recorded: {}", spec.reason, kube::object_key(involved), e.what());
  }
}

}  // namespace peregrine::controller
