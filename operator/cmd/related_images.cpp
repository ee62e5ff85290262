// RELATED_IMAGE_* lookup.
#include "operator/cmd/related_images.hpp"

#include <cstdlib>

#include "operator/render/images.hpp"

namespace peregrine::operator_cmd {

std::map<operator_render::ImageComponent, std::string> related_image_overrides(const EnvLookup& env) {
  std::map<operator_render::ImageComponent, std::string> overrides;
  for (const auto& entry : operator_render::image_defaults()) {
    auto value = env(std::string(entry.related_image_env));
    if (value && !value->empty()) overrides.emplace(entry.component, *value);
  }
  return overrides;
}

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

}  // namespace peregrine::operator_cmd
