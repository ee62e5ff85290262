// Status computation with stable condition transition times.
#include "operator/controller/jaeger_status.hpp"

namespace peregrine::controller {

namespace {

// The previous condition of this type, or null.
const Json* find_condition(const Json& status, const std::string& type) {
  if (!status.is_object()) return nullptr;
  const auto conditions = status.find("conditions");
  if (conditions == status.end() || !conditions->is_array()) return nullptr;
  for (const auto& condition : *conditions) {
    if (condition.is_object() && condition.value("type", "") == type) return &condition;
  }
  return nullptr;
}

Json condition(const Json& previous_status, const std::string& type, bool ok, const std::string& reason,
               const std::string& message, const StatusInput& input) {
  const std::string value = ok ? "True" : "False";
  std::string transition = input.now;
  if (const Json* before = find_condition(previous_status, type)) {
    if (before->value("status", "") == value && before->contains("lastTransitionTime")) {
      transition = before->value("lastTransitionTime", input.now);
    }
  }
  return {{"type", type},
          {"status", value},
          {"reason", reason},
          {"message", message},
          {"lastTransitionTime", transition},
          {"observedGeneration", input.generation}};
}

const char* reconciled_reason(ReconcileResult::Kind kind) {
  switch (kind) {
    case ReconcileResult::Kind::Applied:
      return "ReconcileSucceeded";
    case ReconcileResult::Kind::InvalidSpec:
      return "InvalidSpec";
    case ReconcileResult::Kind::ApplyFailed:
      return "ApplyFailed";
  }
  return "Unknown";
}

}  // namespace

Json compute_status(const Json& previous_status, const StatusInput& input) {
  const bool applied = input.result.kind == ReconcileResult::Kind::Applied;
  Json status = Json::object();
  status["phase"] = applied ? kPhaseRunning : kPhaseFailed;
  status["version"] = input.operator_version;
  if (!applied) status["message"] = input.result.message;
  status["observedGeneration"] = input.generation;

  Json conditions = Json::array();
  conditions.push_back(condition(previous_status, "Reconciled", applied, reconciled_reason(input.result.kind),
                                 applied ? "all desired objects are applied" : input.result.message, input));
  if (applied) {
    conditions.push_back(condition(previous_status, "Available", input.availability.available,
                                   input.availability.available ? "WorkloadsAvailable" : "WorkloadsUnavailable",
                                   input.availability.message, input));
  } else if (const Json* before = find_condition(previous_status, "Available")) {
    conditions.push_back(*before);  // unknown while the spec cannot be applied: keep the last observation
  }
  status["conditions"] = std::move(conditions);
  return status;
}

bool status_changed(const Json& previous_status, const Json& next) {
  if (!previous_status.is_object()) return true;
  return previous_status != next;
}

}  // namespace peregrine::controller
