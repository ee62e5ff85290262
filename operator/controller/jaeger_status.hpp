// The Jaeger CR's status as a pure function of a reconcile's result: phase (Running / Failed), message,
// version (the operator's), observedGeneration, and two conditions — Reconciled (the desired objects are
// applied) and Available (the workloads report available replicas). lastTransitionTime carries over from the
// previous status while a condition's status is unchanged, so recomputing an unchanged state yields an
// identical document and the controller writes status only when something changed.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "operator/controller/availability.hpp"

namespace peregrine::controller {

using Json = nlohmann::json;

inline constexpr const char* kPhaseRunning = "Running";
inline constexpr const char* kPhaseFailed = "Failed";

struct ReconcileResult {
  enum class Kind {
    Applied,      // every desired object is in place
    InvalidSpec,  // the CR does not validate; nothing was applied
    ApplyFailed,  // the API server refused a write
  };
  Kind kind = Kind::Applied;
  std::string message;  // validation errors or the API error
};

struct StatusInput {
  ReconcileResult result;
  Availability availability;      // meaningful when result is Applied
  std::string operator_version;   // status.version
  int64_t generation = 0;         // metadata.generation of the CR
  std::string now;                // RFC 3339 time for new transitions
};

Json compute_status(const Json& previous_status, const StatusInput& input);

// True when writing `next` would change the stored status.
bool status_changed(const Json& previous_status, const Json& next);

}  // namespace peregrine::controller
