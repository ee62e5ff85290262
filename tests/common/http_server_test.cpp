// Round-trip tests for HttpServer on an ephemeral port: basic GET/POST, keep-alive, HEAD, 413, 400,
// handler exceptions → 500, "Expect: 100-continue", concurrent clients, graceful stop; and split_host_port.
#include "backend/common/http_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <latch>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "tests/common/http_test_client.hpp"

namespace peregrine::common {
namespace {

using testing::TestClient;
namespace http = boost::beast::http;

HttpResponse echo_handler(const HttpRequest& req) {
  nlohmann::json j = {{"method", req.method},  {"path", req.path},     {"target", req.target},
                      {"body", req.body},      {"remote", req.remote_address},
                      {"q", req.param("q").value_or("")},
                      {"x", req.header("x-test").value_or("")}};
  HttpResponse r = HttpResponse::json(200, j.dump());
  r.headers.emplace_back("X-Reply", "yes");
  return r;
}

std::unique_ptr<HttpServer> start_server(HttpHandler handler, size_t max_body = 1 << 20, int threads = 2) {
  HttpServerOptions opts;
  opts.host_port = "127.0.0.1:0";
  opts.max_body_bytes = max_body;
  opts.threads = threads;
  opts.name = "test";
  auto server = std::make_unique<HttpServer>(opts, std::move(handler));
  server->start();
  return server;
}

TEST(HttpServer, GetRoundTripWithQueryHeadersAndContentType) {
  auto server = start_server(echo_handler);
  ASSERT_NE(server->port(), 0);
  TestClient client(server->port());
  auto resp = client.request(http::verb::get, "/a%20b/c?q=hello+world&z=1", "", {{"X-Test", "v"}});
  EXPECT_EQ(resp.status, 200u);
  EXPECT_EQ(resp.content_type, "application/json");
  EXPECT_EQ(resp.raw["X-Reply"], "yes");
  auto j = nlohmann::json::parse(resp.body);
  EXPECT_EQ(j["path"], "/a b/c");
  EXPECT_EQ(j["target"], "/a%20b/c?q=hello+world&z=1");
  EXPECT_EQ(j["q"], "hello world");
  EXPECT_EQ(j["x"], "v");
  EXPECT_EQ(resp.content_length, std::to_string(resp.body.size()));
}

TEST(HttpServer, KeepAliveReusesConnection) {
  auto server = start_server(echo_handler);
  TestClient client(server->port());
  std::set<std::string> remotes;
  for (int i = 0; i < 5; ++i) {
    auto resp = client.request(http::verb::post, "/p", "body" + std::to_string(i));
    ASSERT_EQ(resp.status, 200u);
    EXPECT_TRUE(resp.keep_alive);
    auto j = nlohmann::json::parse(resp.body);
    EXPECT_EQ(j["body"], "body" + std::to_string(i));
    remotes.insert(j["remote"].get<std::string>());
  }
  EXPECT_EQ(remotes.size(), 1u);
}

TEST(HttpServer, HeadHasLengthButNoBody) {
  auto server = start_server([](const HttpRequest&) { return HttpResponse::text(200, "hello"); });
  TestClient client(server->port());
  auto head = client.request(http::verb::head, "/");
  EXPECT_EQ(head.status, 200u);
  EXPECT_EQ(head.content_length, "5");
  EXPECT_TRUE(head.body.empty());
  auto get = client.get("/");  // same connection still in sync after HEAD
  EXPECT_EQ(get.body, "hello");
}

TEST(HttpServer, BodyTooLargeIs413) {
  std::atomic<int> calls{0};
  auto server = start_server(
      [&](const HttpRequest&) {
        ++calls;
        return HttpResponse::text(200, "ok");
      },
      1024);
  TestClient client(server->port());
  auto resp = client.request(http::verb::post, "/big", std::string(4096, 'x'));
  EXPECT_EQ(resp.status, 413u);
  EXPECT_EQ(calls.load(), 0);
  TestClient ok_client(server->port());
  EXPECT_EQ(ok_client.request(http::verb::post, "/small", std::string(1024, 'x')).status, 200u);
}

TEST(HttpServer, MalformedRequestIs400) {
  auto server = start_server(echo_handler);
  TestClient client(server->port());
  client.write_raw("NOT A VALID\x01 REQUEST\r\n\r\n");
  auto resp = client.read_response();
  EXPECT_EQ(resp.status, 400u);
}

TEST(HttpServer, HandlerExceptionIs500JsonAndServerSurvives) {
  auto server = start_server([](const HttpRequest& req) -> HttpResponse {
    if (req.path == "/boom") throw std::runtime_error("kaboom \"quoted\"");
    if (req.path == "/int") throw 42;
    return HttpResponse::text(200, "fine");
  });
  TestClient client(server->port());
  auto resp = client.get("/boom");
  EXPECT_EQ(resp.status, 500u);
  EXPECT_EQ(resp.content_type, "application/json");
  auto j = nlohmann::json::parse(resp.body);
  EXPECT_EQ(j["errors"][0]["code"], 500);
  EXPECT_EQ(j["errors"][0]["msg"], "kaboom \"quoted\"");
  EXPECT_EQ(client.get("/int").status, 500u);
  EXPECT_EQ(client.get("/ok").body, "fine");
}

TEST(HttpServer, ExpectContinue) {
  auto server = start_server(echo_handler);
  TestClient client(server->port());
  client.write_raw(
      "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_NE(client.read_until("\r\n\r\n").find("100"), std::string::npos);
  client.write_raw("hello");
  auto resp = client.read_response();
  EXPECT_EQ(resp.status, 200u);
  EXPECT_EQ(nlohmann::json::parse(resp.body)["body"], "hello");
}

TEST(HttpServer, ManyConcurrentKeepAliveClients) {
  std::atomic<int> calls{0};
  auto server = start_server([&](const HttpRequest& req) {
    ++calls;
    return HttpResponse::text(200, req.body);
  });
  constexpr int kClients = 16;
  constexpr int kRequests = 50;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      TestClient client(server->port());
      for (int i = 0; i < kRequests; ++i) {
        std::string body = std::to_string(c) + ":" + std::to_string(i);
        auto resp = client.request(http::verb::post, "/", body);
        if (resp.status == 200 && resp.body == body) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), kClients * kRequests);
  EXPECT_EQ(calls.load(), kClients * kRequests);
}

TEST(HttpServer, StopFinishesInFlightRequestAndIsIdempotent) {
  std::latch entered(1);
  std::promise<void> release;
  auto released = release.get_future().share();
  auto server = start_server([&](const HttpRequest&) {
    entered.count_down();
    released.wait();
    return HttpResponse::text(200, "done");
  });
  auto idle_client = std::make_unique<TestClient>(server->port());  // idle keep-alive connection
  auto response = std::async(std::launch::async, [&] {
    TestClient client(server->port());
    return client.get("/slow");
  });
  entered.wait();
  auto stopper = std::async(std::launch::async, [&] { server->stop(); });
  release.set_value();
  auto resp = response.get();
  EXPECT_EQ(resp.status, 200u);
  EXPECT_EQ(resp.body, "done");
  stopper.get();
  server->stop();
  server.reset();
}

TEST(HttpServer, BindConflictThrows) {
  auto server = start_server(echo_handler);
  HttpServerOptions opts;
  opts.host_port = "127.0.0.1:" + std::to_string(server->port());
  HttpServer second(opts, echo_handler);
  EXPECT_THROW(second.start(), std::runtime_error);
}

TEST(HttpServer, StopWithoutStart) {
  HttpServer server(HttpServerOptions{}, echo_handler);
  server.stop();
}

TEST(SplitHostPort, JaegerForms) {
  EXPECT_EQ(split_host_port(":4318"), std::make_pair(std::string("0.0.0.0"), uint16_t{4318}));
  EXPECT_EQ(split_host_port("localhost:0"), std::make_pair(std::string("localhost"), uint16_t{0}));
  EXPECT_EQ(split_host_port("[::1]:80"), std::make_pair(std::string("::1"), uint16_t{80}));
  EXPECT_EQ(split_host_port("4318"), std::make_pair(std::string("0.0.0.0"), uint16_t{4318}));
  EXPECT_EQ(split_host_port("0.0.0.0:16686"), std::make_pair(std::string("0.0.0.0"), uint16_t{16686}));
  EXPECT_THROW(split_host_port("host:"), std::invalid_argument);
  EXPECT_THROW(split_host_port("host:99999"), std::invalid_argument);
  EXPECT_THROW(split_host_port("garbage"), std::invalid_argument);
  EXPECT_THROW(split_host_port(""), std::invalid_argument);
  EXPECT_THROW(split_host_port("::1:80"), std::invalid_argument);
}

}  // namespace
}  // namespace peregrine::common
