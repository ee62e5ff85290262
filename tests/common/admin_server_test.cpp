// Tests for AdminServer: health 200/503 JSON, metrics route (default and custom), /version, and a real
// round trip on an ephemeral port.
#include "backend/common/admin_server.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/common/http_test_client.hpp"

namespace peregrine::common {
namespace {

HttpRequest get(const std::string& path) {
  HttpRequest r;
  r.method = "GET";
  r.path = path;
  r.target = path;
  return r;
}

TEST(HealthState, UpSinceSetAtConstruction) {
  auto before = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch()).count();
  HealthState h;
  EXPECT_GE(h.up_since_unix(), before);
  EXPECT_FALSE(h.ready());
}

TEST(AdminServer, HealthNotReadyThenReady) {
  MetricsRegistry registry;
  HealthState health;
  AdminServer admin(":0", registry, health);
  auto down = admin.handle(get("/"));
  EXPECT_EQ(down.status, 503);
  auto j = nlohmann::json::parse(down.body);
  EXPECT_EQ(j["status"], "Server not available");

  health.set_ready(true);
  auto up = admin.handle(get("/"));
  EXPECT_EQ(up.status, 200);
  EXPECT_EQ(up.content_type, "application/json");
  j = nlohmann::json::parse(up.body);
  EXPECT_EQ(j["status"], "Server available");
  std::string since = j["upSince"];
  EXPECT_EQ(since.size() >= 20, true);
  EXPECT_EQ(since.back(), 'Z');
  EXPECT_EQ(since[10], 'T');
  EXPECT_FALSE(j["uptime"].get<std::string>().empty());
}

TEST(AdminServer, HealthUptimeIsGoDuration) {
  HealthState health;
  health.set_ready(true);
  auto now = std::chrono::system_clock::now() + std::chrono::seconds(90);
  auto j = nlohmann::json::parse(AdminServer::health_response(health, now).body);
  EXPECT_EQ(j["uptime"].get<std::string>().substr(0, 3), "1m3");
}

TEST(AdminServer, MetricsAndVersion) {
  MetricsRegistry registry;
  registry.counter("jaeger_test_total", "t").inc(2);
  HealthState health;
  AdminServer admin(":0", registry, health);
  auto m = admin.handle(get("/metrics"));
  EXPECT_EQ(m.status, 200);
  EXPECT_EQ(m.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(m.body.find("jaeger_test_total 2\n"), std::string::npos);
  auto v = admin.handle(get("/version"));
  auto j = nlohmann::json::parse(v.body);
  EXPECT_EQ(j["gitVersion"], std::string("v") + PEREGRINE_VERSION);
  EXPECT_TRUE(j.contains("gitCommit"));
  EXPECT_TRUE(j.contains("buildDate"));
}

TEST(AdminServer, CustomMetricsRoute) {
  MetricsRegistry registry;
  HealthState health;
  AdminServer admin(":0", registry, health, "/prom");
  EXPECT_EQ(admin.handle(get("/prom")).content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(admin.handle(get("/metrics")).status, 503);  // falls through to health (not ready)
}

TEST(AdminServer, RoundTrip) {
  MetricsRegistry registry;
  HealthState health;
  AdminServer admin("127.0.0.1:0", registry, health);
  admin.start();
  testing::TestClient client(admin.port());
  EXPECT_EQ(client.get("/").status, 503u);
  health.set_ready(true);
  EXPECT_EQ(client.get("/").status, 200u);
  EXPECT_EQ(client.get("/metrics").status, 200u);
  admin.stop();
  admin.stop();
}

}  // namespace
}  // namespace peregrine::common
