// Unit tests of the embedded web UI server: SPA routing, index.html injection (base path, ui-config),
// static asset content types, cache headers, ETags, gzip and error statuses.
#include <gtest/gtest.h>

#include <string>

#include "backend/common/compression.hpp"
#include "backend/common/http_types.hpp"
#include "backend/ui/content_type.hpp"
#include "backend/ui/embedded_assets.hpp"
#include "backend/ui/index_page.hpp"
#include "backend/ui/ui_assets.hpp"

namespace peregrine::ui {
namespace {

common::HttpRequest get(const std::string& path) {
  common::HttpRequest req;
  req.method = "GET";
  req.target = path;
  req.path = path;
  return req;
}

std::string header(const common::HttpResponse& resp, const std::string& name) {
  for (const auto& [k, v] : resp.headers) {
    if (k == name) return v;
  }
  return "";
}

std::string versioned(const std::string& rel) {
  return "/static/" + std::string(embedded_assets_version()) + "/" + rel;
}

TEST(UiAssets, RootServesIndexWithInjectedHead) {
  auto resp = serve_ui(get("/"), UiOptions{});
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.content_type, "text/html; charset=utf-8");
  EXPECT_NE(resp.body.find("<base href=\"/\">"), std::string::npos);
  EXPECT_NE(resp.body.find("window.__PEREGRINE_CONFIG__ = {"), std::string::npos);
  EXPECT_NE(resp.body.find("\"basePath\":\"\""), std::string::npos);
  EXPECT_EQ(resp.body.find("<!--peregrine:head-->"), std::string::npos);
  EXPECT_EQ(resp.body.find("%PEREGRINE_STATIC%"), std::string::npos);
  EXPECT_NE(resp.body.find("static/" + std::string(embedded_assets_version()) + "/js/main.js"), std::string::npos);
  EXPECT_EQ(header(resp, "Cache-Control"), "no-cache");
}

TEST(UiAssets, ClientRoutesServeIndex) {
  for (const char* path : {"/search", "/search/", "/trace/4bf92f3577b34da6a3ce929d0e0e4736", "/dependencies", "/index.html",
                           "/trace/4bf92f3577b34da6a3ce929d0e0e4736...00f067aa0ba902b7", "/trace/4bf92f3577b34da6..."}) {
    auto resp = serve_ui(get(path), UiOptions{});
    EXPECT_EQ(resp.status, 200) << path;
    EXPECT_EQ(resp.content_type, "text/html; charset=utf-8") << path;
    EXPECT_NE(resp.body.find("__PEREGRINE_CONFIG__"), std::string::npos) << path;
  }
}

TEST(UiAssets, BasePathBecomesBaseHref) {
  for (const char* base : {"/jaeger", "/jaeger/", "jaeger"}) {
    auto resp = serve_ui(get("/trace/abc"), UiOptions{base, ""});
    EXPECT_NE(resp.body.find("<base href=\"/jaeger/\">"), std::string::npos) << base;
    EXPECT_NE(resp.body.find("\"basePath\":\"/jaeger\""), std::string::npos) << base;
  }
}

TEST(UiAssets, UiConfigIsInjectedAndEscaped) {
  const std::string config =
      R"({"dependencies":{"menuEnabled":false},"menu":[{"label":"</script><b>x</b>","url":"https://example.com"}]})";
  auto resp = serve_ui(get("/"), UiOptions{"", config});
  EXPECT_NE(resp.body.find("\"menuEnabled\":false"), std::string::npos);
  EXPECT_EQ(resp.body.find("</script><b>"), std::string::npos);
  EXPECT_NE(resp.body.find("\\u003c/script\\u003e"), std::string::npos);
}

TEST(UiAssets, InvalidUiConfigFallsBackToDefaults) {
  auto resp = serve_ui(get("/"), UiOptions{"", "{not json"});
  EXPECT_EQ(resp.status, 200);
  EXPECT_NE(resp.body.find("\"uiConfig\":{}"), std::string::npos);
}

TEST(UiAssets, ValidateUiConfig) {
  EXPECT_FALSE(validate_ui_config("").has_value());
  EXPECT_FALSE(validate_ui_config("  \n").has_value());
  EXPECT_FALSE(validate_ui_config(R"({"menu":[]})").has_value());
  EXPECT_TRUE(validate_ui_config("[1,2]").has_value());
  EXPECT_TRUE(validate_ui_config("{").has_value());
}

TEST(UiAssets, VersionedAssetsAreImmutable) {
  auto resp = serve_ui(get(versioned("js/main.js")), UiOptions{});
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(header(resp, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_FALSE(header(resp, "ETag").empty());
  EXPECT_EQ(header(resp, "X-Content-Type-Options"), "nosniff");
  const EmbeddedAsset* asset = find_embedded_asset("static/js/main.js");
  ASSERT_NE(asset, nullptr);
  EXPECT_EQ(resp.body, asset->content);
}

TEST(UiAssets, UnversionedAndStaleVersionAssetsRevalidate) {
  auto plain = serve_ui(get("/static/css/base.css"), UiOptions{});
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(header(plain, "Cache-Control"), "no-cache");
  std::string stale(embedded_assets_version().size(), '0');
  if (stale == embedded_assets_version()) stale.back() = '1';
  auto old = serve_ui(get("/static/" + stale + "/css/base.css"), UiOptions{});
  EXPECT_EQ(old.status, 200);
  EXPECT_EQ(header(old, "Cache-Control"), "no-cache");
}

TEST(UiAssets, SvgContentType) {
  auto resp = serve_ui(get(versioned("img/favicon.svg")), UiOptions{});
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.content_type, "image/svg+xml");
}

TEST(UiAssets, UnknownFilesAre404) {
  EXPECT_EQ(serve_ui(get(versioned("js/missing.js")), UiOptions{}).status, 404);
  EXPECT_EQ(serve_ui(get("/static/whatever"), UiOptions{}).status, 404);
  EXPECT_EQ(serve_ui(get("/robots.txt"), UiOptions{}).status, 404);
}

TEST(UiAssets, UnknownApiPathsAreJson404) {
  auto resp = serve_ui(get("/api/unknown"), UiOptions{});
  EXPECT_EQ(resp.status, 404);
  EXPECT_EQ(resp.content_type, "application/json");
}

TEST(UiAssets, NonGetIs405) {
  auto req = get("/search");
  req.method = "POST";
  auto resp = serve_ui(req, UiOptions{});
  EXPECT_EQ(resp.status, 405);
  EXPECT_EQ(header(resp, "Allow"), "GET, HEAD");
  req.method = "HEAD";
  EXPECT_EQ(serve_ui(req, UiOptions{}).status, 200);
}

TEST(UiAssets, MatchingEtagGives304) {
  for (const std::string& path : {versioned("js/main.js"), std::string("/search")}) {
    auto first = serve_ui(get(path), UiOptions{});
    const std::string etag = header(first, "ETag");
    ASSERT_FALSE(etag.empty()) << path;
    auto req = get(path);
    req.headers["If-None-Match"] = "\"other\", W/" + etag;
    auto second = serve_ui(req, UiOptions{});
    EXPECT_EQ(second.status, 304) << path;
    EXPECT_TRUE(second.body.empty()) << path;
  }
}

TEST(UiAssets, GzipWhenAccepted) {
  auto req = get(versioned("js/main.js"));
  req.headers["Accept-Encoding"] = "gzip, deflate, br";
  auto resp = serve_ui(req, UiOptions{});
  EXPECT_EQ(header(resp, "Content-Encoding"), "gzip");
  EXPECT_EQ(header(resp, "Vary"), "Accept-Encoding");
  auto plain = common::gunzip(resp.body, 10u << 20);
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(*plain, find_embedded_asset("static/js/main.js")->content);

  auto index_req = get("/");
  index_req.headers["Accept-Encoding"] = "gzip";
  auto index = serve_ui(index_req, UiOptions{"/jaeger", ""});
  auto index_plain = common::gunzip(index.body, 10u << 20);
  ASSERT_TRUE(index_plain.has_value());
  EXPECT_EQ(*index_plain, serve_ui(get("/"), UiOptions{"/jaeger", ""}).body);
}

TEST(UiAssets, HandlerMatchesServeUi) {
  const UiOptions opts{"/jaeger", R"({"menu":[]})"};
  auto handler = make_ui_handler(opts);
  for (const std::string& path : {std::string("/"), std::string("/trace/abc"), versioned("css/trace.css"), std::string("/x.js")}) {
    auto a = handler(get(path));
    auto b = serve_ui(get(path), opts);
    EXPECT_EQ(a.status, b.status) << path;
    EXPECT_EQ(a.body, b.body) << path;
    EXPECT_EQ(a.content_type, b.content_type) << path;
  }
}

TEST(EmbeddedAssets, TableIsSortedAndTyped) {
  auto assets = embedded_assets();
  ASSERT_FALSE(assets.empty());
  for (size_t i = 1; i < assets.size(); ++i) EXPECT_LT(assets[i - 1].path, assets[i].path);
  for (const auto& asset : assets) {
    EXPECT_NE(content_type_for(asset.path), "application/octet-stream") << asset.path;
    EXPECT_EQ(asset.sha256.size(), 64u) << asset.path;
    EXPECT_EQ(find_embedded_asset(asset.path), &asset);
  }
  EXPECT_NE(find_embedded_asset("index.html"), nullptr);
  EXPECT_EQ(find_embedded_asset("nope.html"), nullptr);
  EXPECT_EQ(embedded_assets_version().size(), 16u);
}

TEST(ContentType, ByExtension) {
  EXPECT_EQ(content_type_for("a/b/app.CSS"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("x.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("noext"), "application/octet-stream");
  EXPECT_EQ(content_type_for("dir.v1/file"), "application/octet-stream");
}

TEST(IndexPage, NormalizeBaseHref) {
  EXPECT_EQ(normalize_base_href(""), "/");
  EXPECT_EQ(normalize_base_href("/"), "/");
  EXPECT_EQ(normalize_base_href("/a/b/"), "/a/b/");
  EXPECT_EQ(normalize_base_href("a"), "/a/");
}

TEST(IndexPage, RenderReplacesEveryMarker) {
  const std::string html = render_index_html(
      "<head><!--peregrine:head--><link href=\"%PEREGRINE_STATIC%/a.css\"><script src=\"%PEREGRINE_STATIC%/b.js\">",
      "/p", "", "abc");
  EXPECT_EQ(html,
            "<head><base href=\"/p/\">\n    <script>window.__PEREGRINE_CONFIG__ = "
            "{\"basePath\":\"/p\",\"uiConfig\":{},\"version\":\"abc\"};</script>"
            "<link href=\"static/abc/a.css\"><script src=\"static/abc/b.js\">");
}

}  // namespace
}  // namespace peregrine::ui
