// UI and sampling configuration ConfigMaps (pkg/config/ui and pkg/config/sampling of the Jaeger operator).
#include "operator/render/configmaps.hpp"

#include "operator/render/k8s_json.hpp"
#include "operator/render/naming.hpp"

namespace peregrine::operator_render {

namespace {

using operator_api::DeploymentStrategy;

bool has_ui_options(const Instance& instance) {
  const Json& options = instance.spec().ui.options;
  return options.is_object() && !options.empty();
}

// The user may point Jaeger at a strategies file of their own; then the operator keeps out of the way.
bool user_provides_sampling_file(const Instance& instance) {
  const auto& spec = instance.spec();
  const auto& options =
      spec.strategy == DeploymentStrategy::AllInOne ? spec.all_in_one.options : spec.collector.options;
  return options.contains("sampling.strategies-file");
}

Json config_map(const Instance& instance, const std::string& name, const std::string& component,
                const std::string& key, const std::string& value) {
  Json object = k8s_object("v1", "ConfigMap", object_meta(instance, name, component_labels(instance, name, component)));
  object["data"] = {{key, value}};
  return object;
}

Json config_volume(const std::string& volume_name, const std::string& config_map, const std::string& key,
                   const std::string& path) {
  return {{"name", volume_name},
          {"configMap", {{"name", config_map}, {"items", Json::array({{{"key", key}, {"path", path}}})}}}};
}

Json read_only_mount(const std::string& volume_name, const std::string& mount_path) {
  return {{"name", volume_name}, {"mountPath", mount_path}, {"readOnly", true}};
}

}  // namespace

std::optional<Json> render_ui_config_map(const Instance& instance) {
  if (!has_ui_options(instance)) return std::nullopt;
  return config_map(instance, ui_config_map_name(instance), "ui-configuration", "ui",
                    instance.spec().ui.options.dump());
}

void mount_ui_config(const Instance& instance, MergedSpec& merged, std::vector<std::string>& args) {
  if (!has_ui_options(instance)) return;
  const std::string volume = dns_name(truncate_name(instance.name(), "-ui-configuration-volume", 63));
  merged.add_volume(config_volume(volume, ui_config_map_name(instance), "ui", "ui.json"),
                    read_only_mount(volume, "/etc/config"));
  args.push_back("--query.ui-config=/etc/config/ui.json");
}

std::optional<Json> render_sampling_config_map(const Instance& instance) {
  if (user_provides_sampling_file(instance)) return std::nullopt;
  const Json& options = instance.spec().sampling.options;
  std::string strategies = options.is_object() && !options.empty() ? options.dump() : kDefaultSamplingStrategy;
  return config_map(instance, sampling_config_map_name(instance), "sampling-configuration", "sampling", strategies);
}

void mount_sampling_config(const Instance& instance, MergedSpec& merged, std::vector<std::string>& args) {
  if (user_provides_sampling_file(instance)) return;
  const std::string volume = dns_name(truncate_name(instance.name(), "-sampling-configuration-volume", 63));
  merged.add_volume(config_volume(volume, sampling_config_map_name(instance), "sampling", "sampling.json"),
                    read_only_mount(volume, "/etc/jaeger/sampling"));
  args.push_back("--sampling.strategies-file=/etc/jaeger/sampling/sampling.json");
}

}  // namespace peregrine::operator_render
