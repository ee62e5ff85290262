// Operator-wide image overrides from the environment: RELATED_IMAGE_JAEGER_COLLECTOR and friends (the same
// variable names as the Jaeger operator, as set by OLM bundles and disconnected-install mirrors).
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "operator/render/render_context.hpp"

namespace peregrine::operator_cmd {

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The overrides whose variable is set and not empty.
std::map<operator_render::ImageComponent, std::string> related_image_overrides(const EnvLookup& env);

// Looks variables up with getenv.
EnvLookup process_environment();

}  // namespace peregrine::operator_cmd
