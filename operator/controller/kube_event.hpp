// Kubernetes Events (core/v1) about a Jaeger: the pure event document (reason, message, type, involvedObject =
// the Jaeger, source component peregrine-operator) and EventRecorder, which posts them. Posting is best effort:
// a refused event is logged and never fails a reconcile.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "operator/kube/k8s_time.hpp"
#include "operator/kube/rest_client.hpp"

namespace peregrine::controller {

using Json = nlohmann::json;

inline constexpr const char* kEventNormal = "Normal";
inline constexpr const char* kEventWarning = "Warning";
inline constexpr const char* kEventComponent = "peregrine-operator";

struct EventSpec {
  std::string type = kEventNormal;  // Normal or Warning
  std::string reason;               // Created, Updated, Deleted, ReconcileFailed, InvalidSpec
  std::string message;
};

// The v1 Event for `involved` (a Jaeger), named "<involved name>.<unique hex suffix>" in its namespace.
Json build_event(const Json& involved, const EventSpec& spec, kube::SystemTime now, const std::string& unique_suffix,
                 const std::string& reporting_instance);

class EventRecorder {
 public:
  EventRecorder(std::shared_ptr<const kube::RestClient> client, std::string reporting_instance);

  // Posts the event; errors are logged and swallowed.
  void record(const Json& involved, const EventSpec& spec);
  uint64_t posted() const { return posted_.load(); }
  uint64_t failed() const { return failed_.load(); }

 private:
  std::shared_ptr<const kube::RestClient> client_;
  std::string reporting_instance_;
  std::atomic<uint64_t> sequence_{0};
  std::atomic<uint64_t> posted_{0};
  std::atomic<uint64_t> failed_{0};
};

}  // namespace peregrine::controller
