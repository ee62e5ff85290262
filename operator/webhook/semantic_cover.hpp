// Does a stored object already say everything the operator wants? The API server fills in defaults (container
// port protocol, probe timeouts, terminationMessagePath, fieldRef apiVersion, ...) and canonicalizes resource
// quantities ("0.5" → "500m"), so a sidecar read back never equals the one rendered. `covers(observed,
// desired)` is true when every field of `desired` is present in `observed` with the same meaning: maps may hold
// extra keys, lists match element by element, numbers by value, quantities under limits/requests by amount, and
// a desired zero value (null, false, 0, "", {}, []) matches an absent field.
// (operator/controller has the same notion for its objects; both could move to operator/kube.)
#pragma once
#include <nlohmann/json.hpp>

namespace peregrine::operator_webhook {

bool covers(const nlohmann::json& observed, const nlohmann::json& desired);

}  // namespace peregrine::operator_webhook
