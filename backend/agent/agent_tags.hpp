// --agent.tags: "k1=v1,k2=${ENV_VAR:default}" → string tags the agent appends to every batch's process tags.
// ${NAME} / ${NAME:default} take the environment variable's value, or the default when it is unset or empty.
// Items without '=' are ignored.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "backend/model/key_value.hpp"

namespace peregrine::agent {

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

model::KeyValues parse_agent_tags(const std::string& spec, const EnvLookup& env);
// Uses the process environment.
model::KeyValues parse_agent_tags(const std::string& spec);

}  // namespace peregrine::agent
