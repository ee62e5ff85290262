// Test support: what the API server does to an object the controller writes — the double's defaulting plus
// server metadata (uid, resourceVersion, creationTimestamp, generation) — so unit tests can build "observed"
// objects the way a cluster returns them.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "operator/controller/reconcile_plan.hpp"
#include "operator/render/render.hpp"

namespace peregrine::controller::testing {

// The object as stored by the server after create (or after an update of `existing`).
nlohmann::json as_stored(const nlohmann::json& object, const nlohmann::json& existing = nullptr);

// Renders a CR (JSON document) with the default RenderContext; fails the test on validation errors.
std::vector<nlohmann::json> render_or_fail(const nlohmann::json& cr);

// Every object stored as the server would, keyed for plan_reconcile.
std::map<ObjectId, nlohmann::json> stored_state(const std::vector<nlohmann::json>& objects);

// A Jaeger CR document named `name` in namespace "ns" with uid "uid-<name>" and the given spec.
nlohmann::json jaeger_cr(const std::string& name, const nlohmann::json& spec);

}  // namespace peregrine::controller::testing
