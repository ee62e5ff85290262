// The web UI files compiled into the binary. The table itself (embedded_assets_table.cpp) is generated at
// build time by generate_asset_table.cmake from the files under backend/ui/web/.
#pragma once
#include <cstddef>
#include <span>
#include <string_view>

namespace peregrine::ui {

struct EmbeddedAsset {
  std::string_view path;    // relative to web/, '/'-separated, e.g. "static/js/main.js"
  std::string_view content; // raw file bytes
  std::string_view sha256;  // hex digest of content (used as the ETag)
};

// Every embedded file, sorted by path.
std::span<const EmbeddedAsset> embedded_assets();

// Digest over all embedded files; changes whenever any asset changes. Used to version static URLs.
std::string_view embedded_assets_version();

// The asset with exactly this path, or nullptr.
const EmbeddedAsset* find_embedded_asset(std::string_view path);

}  // namespace peregrine::ui
