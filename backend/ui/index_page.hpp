// Renders index.html from its template: injects <base href>, the UI configuration script and the versioned
// static-asset prefix. Pure string work, no I/O.
#pragma once
#include <string>
#include <string_view>

namespace peregrine::ui {

// "/jaeger/" for "/jaeger", "jaeger/" or "/jaeger/"; "/" for "" or "/".
std::string normalize_base_href(std::string_view base_path);

// The JSON placed into window.__PEREGRINE_CONFIG__: {"basePath":..,"version":..,"uiConfig":{..}}.
// Invalid or empty ui_config_json yields "uiConfig":{}. '<' is escaped so the result is safe inside <script>.
std::string render_client_config(std::string_view base_path, std::string_view ui_config_json,
                                 std::string_view assets_version);

// Replaces the template markers: "<!--peregrine:head-->" → <base> + config <script>, and every
// "%PEREGRINE_STATIC%" → "static/<assets_version>".
std::string render_index_html(std::string_view index_template, std::string_view base_path,
                              std::string_view ui_config_json, std::string_view assets_version);

}  // namespace peregrine::ui
