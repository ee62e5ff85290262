// The UI and sampling ConfigMaps (`<n>-ui-configuration` key `ui`, `<n>-sampling-configuration` key
// `sampling`) and how components mount them (volume + `--query.ui-config` / `--sampling.strategies-file`).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "operator/render/instance.hpp"
#include "operator/render/merged_spec.hpp"

namespace peregrine::operator_render {

inline constexpr const char* kDefaultSamplingStrategy = R"({"default_strategy":{"param":1,"type":"probabilistic"}})";

// Present when spec.ui.options (after defaults) is not empty.
std::optional<Json> render_ui_config_map(const Instance& instance);
// Mounts the UI configuration into a query-serving pod (no-op without UI options).
void mount_ui_config(const Instance& instance, MergedSpec& merged, std::vector<std::string>& args);

// Present unless the user already passes `sampling.strategies-file` to the collector (all-in-one).
std::optional<Json> render_sampling_config_map(const Instance& instance);
// Mounts the sampling strategies into a collector-serving pod (no-op when the user passes their own file).
void mount_sampling_config(const Instance& instance, MergedSpec& merged, std::vector<std::string>& args);

}  // namespace peregrine::operator_render
