// ui_config_with_archive_capability: "archiveEnabled": true joins the --query.ui-config document when archive
// storage exists, an explicit setting in the file wins, and without archive storage nothing changes.
#include "backend/runtime/ui_config_capabilities.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace peregrine::runtime {
namespace {

TEST(UiConfigArchiveCapability, AddedWhenArchiveStorageExists) {
  EXPECT_EQ(nlohmann::json::parse(ui_config_with_archive_capability("", true)),
            nlohmann::json({{"archiveEnabled", true}}));
  auto merged = nlohmann::json::parse(ui_config_with_archive_capability(R"({"menu":[{"label":"x"}]})", true));
  EXPECT_EQ(merged["archiveEnabled"], true);
  EXPECT_EQ(merged["menu"][0]["label"], "x");
}

TEST(UiConfigArchiveCapability, ExplicitSettingWinsAndNoArchiveChangesNothing) {
  EXPECT_EQ(ui_config_with_archive_capability(R"({"archiveEnabled":false})", true), R"({"archiveEnabled":false})");
  EXPECT_EQ(ui_config_with_archive_capability(R"({"a":1})", false), R"({"a":1})");
  EXPECT_EQ(ui_config_with_archive_capability("", false), "");
}

}  // namespace
}  // namespace peregrine::runtime
