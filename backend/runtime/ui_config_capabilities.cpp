// UI config enrichment with the storage's archive capability (see ui_config_capabilities.hpp).
#include "backend/runtime/ui_config_capabilities.hpp"

#include <nlohmann/json.hpp>

namespace peregrine::runtime {

namespace {
constexpr const char* kArchiveEnabledKey = "archiveEnabled";
}

std::string ui_config_with_archive_capability(const std::string& ui_config_json, bool archive_available) {
  if (!archive_available) return ui_config_json;
  nlohmann::json config = nlohmann::json::object();
  if (ui_config_json.find_first_not_of(" \t\r\n") != std::string::npos) {
    config = nlohmann::json::parse(ui_config_json, nullptr, /*allow_exceptions=*/false);
    if (!config.is_object()) return ui_config_json;  // not ours to repair: the UI handler falls back to defaults
  }
  if (config.contains(kArchiveEnabledKey)) return ui_config_json;
  config[kArchiveEnabledKey] = true;
  return config.dump();
}

}  // namespace peregrine::runtime
