// Tests for HttpRouter: literal and {param} patterns, specificity, base path stripping, trailing slashes,
// HEAD→GET, 404/405 and the fallback.
#include "backend/common/http_router.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace peregrine::common {
namespace {

HttpRequest make(const std::string& method, const std::string& path) {
  HttpRequest r;
  r.method = method;
  r.path = path;
  r.target = path;
  return r;
}

RoutedHandler echo(const std::string& tag) {
  return [tag](const HttpRequest& req, const PathParams& params) {
    std::string body = tag + " " + req.path;
    for (auto& [k, v] : params) body += " " + k + "=" + v;
    return HttpResponse::text(200, body);
  };
}

HttpRouter sample_router(const std::string& base = "") {
  HttpRouter r(base);
  r.add("GET", "/api/services", echo("services"));
  r.add("GET", "/api/services/{service}/operations", echo("ops"));
  r.add("GET", "/api/traces/{traceID}", echo("trace"));
  r.add("GET", "/api/traces/search", echo("search"));
  r.add("POST", "/api/traces", echo("post"));
  r.add("GET", "/", echo("root"));
  return r;
}

TEST(HttpRouter, MatchesLiteralAndParams) {
  auto r = sample_router();
  EXPECT_EQ(r.handle(make("GET", "/api/services")).body, "services /api/services");
  EXPECT_EQ(r.handle(make("GET", "/api/services/frontend/operations")).body,
            "ops /api/services/frontend/operations service=frontend");
  EXPECT_EQ(r.handle(make("GET", "/api/traces/abc123")).body, "trace /api/traces/abc123 traceID=abc123");
}

TEST(HttpRouter, LiteralBeatsParamRegardlessOfOrder) {
  auto r = sample_router();
  EXPECT_EQ(r.handle(make("GET", "/api/traces/search")).body, "search /api/traces/search");
}

TEST(HttpRouter, TrailingSlashTolerant) {
  auto r = sample_router();
  EXPECT_EQ(r.handle(make("GET", "/api/services/")).status, 200);
  EXPECT_EQ(r.handle(make("GET", "/")).body, "root /");
}

TEST(HttpRouter, UnknownPathIs404Json) {
  auto r = sample_router();
  auto resp = r.handle(make("GET", "/api/nope"));
  EXPECT_EQ(resp.status, 404);
  EXPECT_EQ(resp.content_type, "application/json");
  auto j = nlohmann::json::parse(resp.body);
  EXPECT_EQ(j["errors"][0]["code"], 404);
}

TEST(HttpRouter, WrongMethodIs405WithAllow) {
  auto r = sample_router();
  auto resp = r.handle(make("DELETE", "/api/traces"));
  EXPECT_EQ(resp.status, 405);
  ASSERT_EQ(resp.headers.size(), 1u);
  EXPECT_EQ(resp.headers[0].first, "Allow");
  EXPECT_EQ(resp.headers[0].second, "POST");
}

TEST(HttpRouter, HeadUsesGetRoutes) {
  auto r = sample_router();
  EXPECT_EQ(r.handle(make("HEAD", "/api/services")).status, 200);
}

TEST(HttpRouter, BasePathStripping) {
  auto r = sample_router("/jaeger");
  EXPECT_EQ(r.handle(make("GET", "/jaeger/api/services")).body, "services /api/services");
  EXPECT_EQ(r.handle(make("GET", "/jaeger")).body, "root /");
  EXPECT_EQ(r.handle(make("GET", "/jaeger/")).body, "root /");
  EXPECT_EQ(r.handle(make("GET", "/api/services")).status, 404);
  EXPECT_EQ(r.handle(make("GET", "/jaegerx/api/services")).status, 404);
}

TEST(HttpRouter, BasePathNormalization) {
  EXPECT_EQ(sample_router("/").handle(make("GET", "/api/services")).status, 200);
  EXPECT_EQ(sample_router("jaeger/").handle(make("GET", "/jaeger/api/services")).status, 200);
}

TEST(HttpRouter, FallbackSeesStrippedPath) {
  HttpRouter r("/ui");
  r.add("GET", "/api/services", echo("services"));
  r.set_fallback([](const HttpRequest& req) { return HttpResponse::text(200, "static " + req.path); });
  EXPECT_EQ(r.handle(make("GET", "/ui/static/app.js")).body, "static /static/app.js");
  EXPECT_EQ(r.handle(make("POST", "/ui/api/services")).status, 405);
}

TEST(HttpRouter, AsHandlerCopies) {
  HttpHandler h;
  {
    auto r = sample_router();
    h = r.as_handler();
  }
  EXPECT_EQ(h(make("GET", "/api/services")).status, 200);
}

}  // namespace
}  // namespace peregrine::common
