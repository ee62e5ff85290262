// plan_reconcile: the pure core of a reconcile — desired objects (from the renderers) and the observed owned
// objects in, the list of writes out: create what is missing, update what differs (object_diff.hpp), recreate
// immutable kinds whose spec changed, delete owned objects that are no longer desired. Nothing is written when
// the observed state already matches, which keeps steady state and operator restarts write-free.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "operator/controller/owned_kinds.hpp"

namespace peregrine::controller {

using Json = nlohmann::json;

// Identifies one object: kind (as in owned_kinds()), namespace, name.
struct ObjectId {
  std::string kind;
  std::string ns;
  std::string name;
  auto operator<=>(const ObjectId&) const = default;
};

// "Deployment ns/name".
std::string to_string(const ObjectId& id);

enum class ActionType { Create, Update, Delete };

struct PlannedAction {
  ActionType type = ActionType::Create;
  OwnedKind kind;
  ObjectId id;
  Json object;         // Create: the desired object; Update: the merged object to PUT; Delete: the observed one
  std::string reason;  // Update: where the observed object differs; Delete: why it goes
};

struct ReconcilePlan {
  std::vector<PlannedAction> actions;  // creates/updates in render order, then deletes
  std::vector<std::string> errors;     // desired objects the controller cannot manage (unknown kind)
  bool empty() const { return actions.empty(); }
};

// `observed` holds the current objects of the instance: every owned object that belongs to it plus any
// object that has a desired object's name. Objects being deleted are neither updated nor deleted again.
ReconcilePlan plan_reconcile(const std::vector<Json>& desired, const std::map<ObjectId, Json>& observed,
                             const std::vector<OwnedKind>& kinds);

// Counts of planned actions by type, for logs and tests.
struct PlanSummary {
  int creates = 0;
  int updates = 0;
  int deletes = 0;
};
PlanSummary summarize(const ReconcilePlan& plan);

}  // namespace peregrine::controller
