// Which Jaeger an owned object belongs to: its controller owner reference (kind Jaeger, group
// jaegertracing.io), or — for objects that lost their owner reference — the operator's labels
// (managed-by=peregrine-operator plus app.kubernetes.io/instance=<CR name>).
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace peregrine::controller {

using Json = nlohmann::json;

// The "namespace/name" work-queue key of the Jaeger owning `object`, or nullopt when it is not the operator's.
std::optional<std::string> owner_jaeger_key(const Json& object);

// True when `object` (in the Jaeger's namespace) belongs to the Jaeger called `jaeger_name`.
bool belongs_to_jaeger(const Json& object, const std::string& jaeger_name);

// True when metadata.deletionTimestamp is set.
bool is_being_deleted(const Json& object);

}  // namespace peregrine::controller
