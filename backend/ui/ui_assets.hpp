// Serves the embedded web UI: static assets with content types and cache headers, and index.html (with the
// base path and the --query.ui-config JSON injected) for every client-side route such as /search,
// /trace/<id> or /dependencies. Wire it as the query router's fallback.
#pragma once
#include <optional>
#include <string>

#include "backend/common/http_types.hpp"

namespace peregrine::ui {

struct UiOptions {
  std::string base_path;       // --query.base-path, e.g. "/jaeger"; "" or "/" = served at the root
  std::string ui_config_json;  // contents of the --query.ui-config file; "" = defaults
};

// Handles one request whose path has already been stripped of the base path ("/", "/search",
// "/static/<version>/js/main.js", ...). GET and HEAD only (405 otherwise). Unknown asset files → 404;
// unknown /api/ paths → 404 JSON; any other path → index.html (single-page-app routing).
common::HttpResponse serve_ui(const common::HttpRequest& req, const UiOptions& opts);

// Same as serve_ui, but renders index.html once up front. Use this in servers.
common::HttpHandler make_ui_handler(const UiOptions& opts);

// Checks a --query.ui-config document before the server starts: nullopt if it is usable (an empty string
// or a JSON object), otherwise a human-readable reason. serve_ui falls back to defaults on invalid input.
std::optional<std::string> validate_ui_config(const std::string& ui_config_json);

}  // namespace peregrine::ui
