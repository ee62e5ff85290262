// index.html rendering: base href, client configuration script and versioned static prefix.
#include "backend/ui/index_page.hpp"

#include <nlohmann/json.hpp>

namespace peregrine::ui {

namespace {

constexpr std::string_view kHeadMarker = "<!--peregrine:head-->";
constexpr std::string_view kStaticMarker = "%PEREGRINE_STATIC%";

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
}

// Escapes characters that matter to the HTML parser; '<' and '>' only appear inside JSON strings, where
// the \u escapes mean the same thing. U+2028/2029 are escaped for old JavaScript parsers.
std::string escape_for_script(std::string json) {
  replace_all(json, "<", "\\u003c");
  replace_all(json, ">", "\\u003e");
  replace_all(json, "&", "\\u0026");
  replace_all(json, "\xE2\x80\xA8", "\\u2028");
  replace_all(json, "\xE2\x80\xA9", "\\u2029");
  return json;
}

std::string escape_attribute(std::string_view value) {
  std::string out;
  for (char c : value) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string normalize_base_href(std::string_view base_path) {
  std::string href(base_path);
  while (!href.empty() && href.back() == '/') href.pop_back();
  if (!href.empty() && href.front() != '/') href.insert(href.begin(), '/');
  return href + "/";
}

std::string render_client_config(std::string_view base_path, std::string_view ui_config_json,
                                 std::string_view assets_version) {
  nlohmann::json ui_config = nlohmann::json::object();
  if (!ui_config_json.empty()) {
    nlohmann::json parsed = nlohmann::json::parse(ui_config_json, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_object()) ui_config = std::move(parsed);
  }
  std::string base = normalize_base_href(base_path);
  base.pop_back();  // "/jaeger/" → "/jaeger", "/" → ""
  const nlohmann::json config = {
      {"basePath", base},
      {"version", std::string(assets_version)},
      {"uiConfig", std::move(ui_config)},
  };
  return escape_for_script(config.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string render_index_html(std::string_view index_template, std::string_view base_path,
                              std::string_view ui_config_json, std::string_view assets_version) {
  std::string html(index_template);
  const std::string head = "<base href=\"" + escape_attribute(normalize_base_href(base_path)) +
                           "\">\n    <script>window.__PEREGRINE_CONFIG__ = " +
                           render_client_config(base_path, ui_config_json, assets_version) + ";</script>";
  replace_all(html, kHeadMarker, head);
  replace_all(html, kStaticMarker, "static/" + std::string(assets_version));
  return html;
}

}  // namespace peregrine::ui
