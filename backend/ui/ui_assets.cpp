// serve_ui: the web UI's HTTP front. Static files come from the embedded asset table; every other path
// renders index.html so the browser-side router can handle /search, /trace/<id>, /dependencies, ...
#include "backend/ui/ui_assets.hpp"

#include <cstdio>
#include <functional>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>

#include "backend/common/compression.hpp"
#include "backend/common/http_error.hpp"
#include "backend/ui/content_type.hpp"
#include "backend/ui/embedded_assets.hpp"
#include "backend/ui/index_page.hpp"

namespace peregrine::ui {

namespace {

constexpr std::string_view kIndexAsset = "index.html";
constexpr std::string_view kStaticPrefix = "static/";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";
constexpr size_t kMinCompressibleBytes = 1024;

struct RenderedIndex {
  std::string body;
  std::string gzipped;
  std::string etag;
};

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool is_hex_version(std::string_view segment) {
  if (segment.size() != embedded_assets_version().size()) return false;
  for (char c : segment) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool is_compressible(std::string_view content_type) {
  return starts_with(content_type, "text/") || starts_with(content_type, "application/json") ||
         starts_with(content_type, "image/svg+xml") || starts_with(content_type, "application/manifest");
}

bool accepts_gzip(const common::HttpRequest& req) {
  auto accept = req.header("Accept-Encoding");
  return accept && accept->find("gzip") != std::string::npos;
}

// True when any entity tag in an If-None-Match header equals `etag` (or the header is "*").
bool etag_matches(const common::HttpRequest& req, const std::string& etag) {
  auto header = req.header("If-None-Match");
  if (!header) return false;
  if (*header == "*") return true;
  size_t pos = 0;
  while (pos < header->size()) {
    size_t comma = header->find(',', pos);
    if (comma == std::string::npos) comma = header->size();
    std::string tag = header->substr(pos, comma - pos);
    const size_t first = tag.find_first_not_of(" \t");
    const size_t last = tag.find_last_not_of(" \t");
    if (first != std::string::npos) tag = tag.substr(first, last - first + 1);
    if (starts_with(tag, "W/")) tag = tag.substr(2);
    if (tag == etag) return true;
    pos = comma + 1;
  }
  return false;
}

// Gzipped copies of compressible embedded assets, built once on first use.
const std::map<std::string_view, std::string>& gzipped_assets() {
  static const std::map<std::string_view, std::string> table = [] {
    std::map<std::string_view, std::string> out;
    for (const EmbeddedAsset& asset : embedded_assets()) {
      if (asset.content.size() >= kMinCompressibleBytes && is_compressible(content_type_for(asset.path))) {
        out.emplace(asset.path, common::gzip_compress(asset.content));
      }
    }
    return out;
  }();
  return table;
}

RenderedIndex render_index(const UiOptions& opts) {
  RenderedIndex index;
  const EmbeddedAsset* tmpl = find_embedded_asset(kIndexAsset);
  if (tmpl == nullptr) return index;
  index.body = render_index_html(tmpl->content, opts.base_path, opts.ui_config_json, embedded_assets_version());
  index.gzipped = common::gzip_compress(index.body);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016zx", std::hash<std::string>{}(index.body));
  index.etag = "\"" + std::string(hex) + "\"";
  return index;
}

// A 200 (or 304) response for a body with validators and optional pre-compressed variant.
common::HttpResponse cacheable(const common::HttpRequest& req, std::string content_type, std::string_view body,
                               const std::string* gzipped, const std::string& etag,
                               std::string_view cache_control) {
  common::HttpResponse resp;
  resp.content_type = std::move(content_type);
  resp.headers.emplace_back("Cache-Control", std::string(cache_control));
  resp.headers.emplace_back("ETag", etag);
  resp.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (gzipped != nullptr) resp.headers.emplace_back("Vary", "Accept-Encoding");
  if (etag_matches(req, etag)) {
    resp.status = 304;
    return resp;
  }
  resp.status = 200;
  if (gzipped != nullptr && accepts_gzip(req)) {
    resp.headers.emplace_back("Content-Encoding", "gzip");
    resp.body = *gzipped;
  } else {
    resp.body = std::string(body);
  }
  return resp;
}

common::HttpResponse serve_index(const common::HttpRequest& req, const RenderedIndex& index) {
  if (index.body.empty()) return common::HttpResponse::text(500, "UI assets are missing from this build\n");
  return cacheable(req, "text/html; charset=utf-8", index.body, &index.gzipped, index.etag, kRevalidate);
}

common::HttpResponse not_found() {
  common::HttpResponse resp = common::HttpResponse::text(404, "404 page not found\n");
  resp.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return resp;
}

common::HttpResponse handle(const common::HttpRequest& req, const RenderedIndex& index) {
  if (req.method != "GET" && req.method != "HEAD") {
    common::HttpResponse resp = common::json_error(405, "method " + req.method + " not allowed");
    resp.headers.emplace_back("Allow", "GET, HEAD");
    return resp;
  }
  std::string_view rel = req.path;
  while (!rel.empty() && rel.front() == '/') rel.remove_prefix(1);

  if (rel == "api" || starts_with(rel, "api/")) return common::json_error(404, "404 page not found");
  if (rel.empty() || rel == kIndexAsset) return serve_index(req, index);

  // "static/<version>/css/app.css" → "static/css/app.css"; the current version may be cached for good.
  std::string asset_path(rel);
  std::string_view cache_control = kRevalidate;
  if (starts_with(rel, kStaticPrefix)) {
    std::string_view rest = rel.substr(kStaticPrefix.size());
    const size_t slash = rest.find('/');
    if (slash != std::string_view::npos && is_hex_version(rest.substr(0, slash))) {
      if (rest.substr(0, slash) == embedded_assets_version()) cache_control = kImmutable;
      asset_path = std::string(kStaticPrefix) + std::string(rest.substr(slash + 1));
    }
  }

  if (const EmbeddedAsset* asset = find_embedded_asset(asset_path)) {
    const auto& gz = gzipped_assets();
    auto compressed = gz.find(asset->path);
    return cacheable(req, content_type_for(asset->path), asset->content,
                     compressed == gz.end() ? nullptr : &compressed->second,
                     "\"" + std::string(asset->sha256.substr(0, 32)) + "\"", cache_control);
  }

  // A missing file (anything under static/ or with an extension) is a 404; other paths are app routes — trace
  // routes included even with dots: the compare view is /trace/<a>...<b>.
  const size_t last_slash = rel.rfind('/');
  const std::string_view last_segment = last_slash == std::string_view::npos ? rel : rel.substr(last_slash + 1);
  const bool trace_route = starts_with(rel, "trace/");
  if (starts_with(rel, kStaticPrefix) || (!trace_route && last_segment.find('.') != std::string_view::npos)) {
    return not_found();
  }
  return serve_index(req, index);
}

}  // namespace

common::HttpResponse serve_ui(const common::HttpRequest& req, const UiOptions& opts) {
  return handle(req, render_index(opts));
}

common::HttpHandler make_ui_handler(const UiOptions& opts) {
  auto index = std::make_shared<const RenderedIndex>(render_index(opts));
  return [index](const common::HttpRequest& req) { return handle(req, *index); };
}

std::optional<std::string> validate_ui_config(const std::string& ui_config_json) {
  if (ui_config_json.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  try {
    const nlohmann::json parsed = nlohmann::json::parse(ui_config_json);
    if (!parsed.is_object()) return std::string("UI config must be a JSON object");
  } catch (const nlohmann::json::parse_error& e) {
    return std::string("UI config is not valid JSON: ") + e.what();
  }
  return std::nullopt;
}

}  // namespace peregrine::ui
