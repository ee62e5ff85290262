// Planning creates, updates, recreates and deletes from desired vs observed objects.
#include "operator/controller/reconcile_plan.hpp"

#include <algorithm>
#include <set>

#include "operator/controller/object_diff.hpp"
#include "operator/controller/ownership.hpp"
#include "operator/kube/object_key.hpp"

namespace peregrine::controller {

std::string to_string(const ObjectId& id) { return id.kind + " " + kube::object_key(id.ns, id.name); }

ReconcilePlan plan_reconcile(const std::vector<Json>& desired, const std::map<ObjectId, Json>& observed,
                             const std::vector<OwnedKind>& kinds) {
  ReconcilePlan plan;
  std::set<ObjectId> wanted;
  std::vector<PlannedAction> deletes;

  for (const auto& object : desired) {
    const std::string api_version = object.value("apiVersion", "");
    const std::string kind_name = object.value("kind", "");
    const auto kind = owned_kind_for(kinds, api_version, kind_name);
    if (!kind) {
      plan.errors.push_back("the operator does not manage " + api_version + " " + kind_name);
      continue;
    }
    const ObjectId id{kind->kind, kube::object_namespace(object), kube::object_name(object)};
    wanted.insert(id);
    const auto seen = observed.find(id);
    if (seen == observed.end()) {
      plan.actions.push_back({ActionType::Create, *kind, id, object, ""});
      continue;
    }
    if (is_being_deleted(seen->second)) continue;  // comes back through create once it is gone
    const std::string reason = update_reason(object, seen->second);
    if (reason.empty()) continue;
    if (update_method_for_kind(kind->kind) == UpdateMethod::Recreate) {
      plan.actions.push_back({ActionType::Delete, *kind, id, seen->second, "changed " + reason + ", recreating"});
      plan.actions.push_back({ActionType::Create, *kind, id, object, ""});
    } else {
      plan.actions.push_back({ActionType::Update, *kind, id, merge_for_update(object, seen->second), reason});
    }
  }

  for (const auto& [id, object] : observed) {
    if (wanted.count(id) != 0 || is_being_deleted(object)) continue;
    const auto kind = std::find_if(kinds.begin(), kinds.end(), [&](const OwnedKind& k) { return k.kind == id.kind; });
    if (kind == kinds.end()) continue;
    deletes.push_back({ActionType::Delete, *kind, id, object, "no longer desired"});
  }
  for (auto& action : deletes) plan.actions.push_back(std::move(action));
  return plan;
}

PlanSummary summarize(const ReconcilePlan& plan) {
  PlanSummary summary;
  for (const auto& action : plan.actions) {
    switch (action.type) {
      case ActionType::Create:
        ++summary.creates;
        break;
      case ActionType::Update:
        ++summary.updates;
        break;
      case ActionType::Delete:
        ++summary.deletes;
        break;
    }
  }
  return summary;
}

}  // namespace peregrine::controller
