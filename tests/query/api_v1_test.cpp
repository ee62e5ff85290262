// v1 HTTP query API (/api/...): every endpoint's success shape, Jaeger's error envelopes and messages, search
// parameters (limits, durations, tags, trace ids, tolerated empty values), base path, pretty printing, metrics.
#include <gtest/gtest.h>

#include "tests/query/api_test_fixture.hpp"

namespace peregrine::query {
namespace {

using testing::kNowUs;
using testing::make_request;
using Json = nlohmann::json;

class ApiV1Test : public testing::QueryApiTest {};

std::string error_body(int code, const std::string& msg) {
  return R"({"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":)" + std::to_string(code) + R"(,"msg":")" +
         msg + R"("}]})";
}

std::vector<std::string> trace_ids(const Json& body) {
  std::vector<std::string> out;
  for (const auto& t : body["data"]) out.push_back(t["traceID"]);
  return out;
}

TEST_F(ApiV1Test, Services) {
  auto r = get("/api/services");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body, R"({"data":["backend","frontend"],"total":2,"limit":0,"offset":0,"errors":null})");
}

TEST_F(ApiV1Test, LegacyOperations) {
  EXPECT_EQ(get("/api/services/backend/operations").body,
            R"({"data":["query"],"total":1,"limit":0,"offset":0,"errors":null})");
  EXPECT_EQ(get("/api/services/nobody/operations").body, R"({"data":[],"total":0,"limit":0,"offset":0,"errors":null})");
}

TEST_F(ApiV1Test, Operations) {
  EXPECT_EQ(get("/api/operations?service=backend").body,
            R"({"data":[{"name":"query","spanKind":""},{"name":"query","spanKind":"client"}],"total":2,"limit":0,)"
            R"("offset":0,"errors":null})");
  EXPECT_EQ(get("/api/operations?service=backend&spanKind=client").body,
            R"({"data":[{"name":"query","spanKind":"client"}],"total":1,"limit":0,"offset":0,"errors":null})");
  auto r = get("/api/operations");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, error_body(400, "parameter 'service' is required"));
}

TEST_F(ApiV1Test, SearchNewestFirstWithLimitAndAdjusters) {
  Json body = get_json("/api/traces?service=frontend&lookback=1h&limit=20");
  EXPECT_EQ(trace_ids(body), (std::vector<std::string>{"0000000000000002", "0000000000000001"}));
  EXPECT_EQ(body["total"], 0);
  EXPECT_TRUE(body["errors"].is_null());
  // The IP adjuster ran: the int64 process tag "ip" is shown as text.
  const Json& processes = body["data"][0]["processes"];
  EXPECT_EQ(processes["p1"]["tags"][0]["value"], "10.0.0.1");
  body = get_json("/api/traces?service=frontend&limit=1");
  EXPECT_EQ(trace_ids(body), std::vector<std::string>{"0000000000000002"});
}

TEST_F(ApiV1Test, SearchFilters) {
  EXPECT_EQ(trace_ids(get_json("/api/traces?service=backend&operation=query")),
            (std::vector<std::string>{"000000000000feed0000000000000003", "0000000000000001"}));
  EXPECT_EQ(trace_ids(get_json("/api/traces?service=backend&tag=http.status_code:500")),
            std::vector<std::string>{"0000000000000001"});
  EXPECT_EQ(trace_ids(get_json("/api/traces?service=backend&tags=%7B%22http.status_code%22%3A%22500%22%7D")),
            std::vector<std::string>{"0000000000000001"});
  EXPECT_EQ(trace_ids(get_json("/api/traces?service=backend&minDuration=1.2ms")),
            std::vector<std::string>{"0000000000000001"});
  EXPECT_EQ(trace_ids(get_json("/api/traces?service=backend&maxDuration=500us")),
            std::vector<std::string>{"000000000000feed0000000000000003"});
  // start/end in µs
  EXPECT_EQ(trace_ids(get_json("/api/traces?service=frontend&start=" + std::to_string(kNowUs - 30'000'000) +
                               "&end=" + std::to_string(kNowUs))),
            std::vector<std::string>{"0000000000000002"});
}

TEST_F(ApiV1Test, SearchToleratesEmptyValues) {
  EXPECT_EQ(trace_ids(get_json("/api/traces?service=frontend&operation=&tag=&tags=&minDuration=&maxDuration=&limit=&"
                               "start=&end=&lookback=custom&traceID=")),
            (std::vector<std::string>{"0000000000000002", "0000000000000001"}));
}

TEST_F(ApiV1Test, SearchByTraceIds) {
  Json body = get_json("/api/traces?traceID=1&traceID=feed0000000000000003&traceID=99");
  EXPECT_EQ(trace_ids(body), (std::vector<std::string>{"0000000000000001", "000000000000feed0000000000000003"}));
  EXPECT_EQ(body["errors"], Json::parse(R"([{"msg":"trace not found","traceID":"0000000000000099"}])"));
}

TEST_F(ApiV1Test, SearchErrors) {
  struct Case {
    std::string target;
    std::string msg;
  };
  const std::vector<Case> cases = {
      {"/api/traces", "parameter 'service' is required"},
      {"/api/traces?service=a&limit=x", R"(strconv.ParseInt: parsing \"x\": invalid syntax)"},
      {"/api/traces?service=a&start=yesterday",
       R"(unable to parse param 'start': strconv.ParseInt: parsing \"yesterday\": invalid syntax)"},
      {"/api/traces?service=a&minDuration=2ms&maxDuration=1ms", "'maxDuration' should be greater than 'minDuration'"},
      {"/api/traces?service=a&tag=novalue", "malformed 'tag' parameter, expecting key:value, received: novalue"},
      {"/api/traces?traceID=xyz", R"(cannot parse traceID param: strconv.ParseUint: parsing \"xyz\": invalid syntax)"},
  };
  for (const auto& c : cases) {
    auto r = get(c.target);
    EXPECT_EQ(r.status, 400) << c.target;
    EXPECT_EQ(r.body, error_body(400, c.msg)) << c.target;
  }
  auto r = get("/api/traces?service=a&minDuration=abc");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, error_body(400, R"(unable to parse param 'minDuration': time: invalid duration \"abc\")"));
  r = get("/api/traces?service=a&tags=notjson");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("malformed 'tags' parameter, cannot unmarshal JSON"), std::string::npos) << r.body;
}

TEST_F(ApiV1Test, GetTrace) {
  Json body = get_json("/api/traces/1");
  ASSERT_EQ(body["data"].size(), 1u);
  EXPECT_EQ(body["data"][0]["traceID"], "0000000000000001");
  EXPECT_EQ(body["data"][0]["spans"].size(), 2u);
  EXPECT_EQ(body["data"][0]["processes"]["p1"]["tags"][0]["value"], "10.0.0.1");
  // raw=true skips the adjusters
  body = get_json("/api/traces/0000000000000001?raw=true");
  EXPECT_EQ(body["data"][0]["processes"]["p1"]["tags"][0]["value"], 0x0A000001);
  body = get_json("/api/traces/000000000000feed0000000000000003");
  EXPECT_EQ(body["data"][0]["traceID"], "000000000000feed0000000000000003");

  auto r = get("/api/traces/42");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, error_body(404, "trace not found"));
  r = get("/api/traces/not-hex");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, error_body(400, R"(strconv.ParseUint: parsing \"not-hex\": invalid syntax)"));
}

TEST_F(ApiV1Test, Dependencies) {
  const std::string end_ms = std::to_string(kNowUs / 1000);
  EXPECT_EQ(get("/api/dependencies?endTs=" + end_ms + "&lookback=3600000").body,
            R"({"data":[{"parent":"frontend","child":"backend","callCount":1}],"total":0,"limit":0,"offset":0,)"
            R"("errors":null})");
  EXPECT_EQ(get("/api/dependencies?endTs=" + end_ms + "&lookback=1000").body,
            R"({"data":[],"total":0,"limit":0,"offset":0,"errors":null})");
  // Defaults: now and 24h.
  EXPECT_EQ(get_json("/api/dependencies")["data"].size(), 1u);
  EXPECT_EQ(get_json("/api/dependencies?service=nobody")["data"].size(), 0u);
  auto r = get("/api/dependencies?endTs=soon");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body,
            error_body(400, R"(unable to parse param 'endTs': strconv.ParseInt: parsing \"soon\": invalid syntax)"));
}

TEST_F(ApiV1Test, PrettyPrint) {
  EXPECT_EQ(get("/api/services?prettyPrint=true").body,
            "{\n    \"data\": [\n        \"backend\",\n        \"frontend\"\n    ],\n    \"total\": 2,\n"
            "    \"limit\": 0,\n    \"offset\": 0,\n    \"errors\": null\n}");
  EXPECT_EQ(get("/api/services?prettyPrint=false").body.find('\n'), std::string::npos);
}

TEST_F(ApiV1Test, MetricsArchiveAndTransform) {
  auto r = get("/api/metrics/calls?service=frontend");
  EXPECT_EQ(r.status, 501);
  EXPECT_EQ(r.body, error_body(501, "metrics querying is currently disabled"));
  r = get("/api/metrics/latencies?service=frontend");
  EXPECT_EQ(r.status, 400);
  r = get("/api/metrics/minstep");
  EXPECT_EQ(r.status, 501);
  r = router_->handle(make_request("POST", "/api/archive/1"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body, error_body(500, "archive span storage was not configured"));

  const std::string otlp =
      R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},)"
      R"("scopeSpans":[{"spans":[{"traceId":"0000000000000000000000000000000a","spanId":"000000000000000b",)"
      R"("name":"op","startTimeUnixNano":"1000000","endTimeUnixNano":"3000000"}]}]}]})";
  r = router_->handle(make_request("POST", "/api/transform", otlp));
  ASSERT_EQ(r.status, 200) << r.body;
  Json body = Json::parse(r.body);
  EXPECT_EQ(body["data"][0]["traceID"], "000000000000000a");
  EXPECT_EQ(body["data"][0]["spans"][0]["operationName"], "op");
  EXPECT_EQ(body["data"][0]["processes"]["p1"]["serviceName"], "svc");
  r = router_->handle(make_request("POST", "/api/transform", "{not json"));
  EXPECT_EQ(r.status, 500);
}

TEST_F(ApiV1Test, QueryMetricsRecorded) {
  get("/api/services");
  get("/api/traces?service=frontend");
  EXPECT_EQ(
      metrics_.counter("jaeger_query_requests_total", "", {{"operation", "get_services"}, {"result", "ok"}}).value(),
      1);
  EXPECT_EQ(
      metrics_.counter("jaeger_query_requests_total", "", {{"operation", "find_traces"}, {"result", "ok"}}).value(), 1);
  EXPECT_NE(metrics_.render().find("jaeger_query_latency_bucket"), std::string::npos);
}

TEST(ApiBasePathTest, RoutesLiveUnderTheBasePath) {
  auto store = std::make_shared<storage::memory::MemoryStore>();
  common::MetricsRegistry metrics;
  QueryService qs(store, store, {}, metrics);
  QueryApiOptions options;
  options.base_path = "/jaeger/";
  options.ui_fallback = [](const common::HttpRequest& req) {
    return common::HttpResponse::text(200, "ui:" + req.path);
  };
  common::HttpRouter router = make_query_router(qs, options);
  auto r = router.handle(make_request("GET", "/jaeger/api/services"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"data":[],"total":0,"limit":0,"offset":0,"errors":null})");
  EXPECT_EQ(router.handle(make_request("GET", "/jaeger/search")).body, "ui:/search");
  EXPECT_EQ(router.handle(make_request("GET", "/api/services")).status, 404);
}

// A reader whose backend is down: every call throws the retryable storage error.
class FailingReader : public storage::SpanReader {
 public:
  std::optional<model::Trace> get_trace(const model::TraceID&) override { throw storage::StorageError("backend down"); }
  std::vector<std::string> get_services() override { throw storage::StorageError("backend down"); }
  std::vector<storage::Operation> get_operations(const storage::OperationQuery&) override {
    throw storage::StorageError("backend down");
  }
  std::vector<model::Trace> find_traces(const storage::TraceQuery&) override {
    throw storage::StorageError("backend down");
  }
  std::vector<model::TraceID> find_trace_ids(const storage::TraceQuery&) override {
    throw storage::StorageError("backend down");
  }
};

TEST(ApiStorageFailureTest, StorageErrorsAre500s) {
  common::MetricsRegistry metrics;
  QueryService qs(std::make_shared<FailingReader>(), nullptr, {}, metrics);
  common::HttpRouter router = make_query_router(qs, QueryApiOptions{});
  for (const char* target : {"/api/services", "/api/traces?service=a", "/api/traces/1", "/api/v3/services"}) {
    auto r = router.handle(make_request("GET", target));
    EXPECT_EQ(r.status, 500) << target;
    EXPECT_NE(r.body.find("backend down"), std::string::npos) << target;
  }
  EXPECT_EQ(
      metrics.counter("jaeger_query_requests_total", "", {{"operation", "get_services"}, {"result", "err"}}).value(),
      2);
  // No dependency reader configured: an empty graph.
  EXPECT_EQ(router.handle(make_request("GET", "/api/dependencies")).status, 200);
}

TEST(AdditionalHeadersTest, AppendsConfiguredHeaders) {
  auto headers = parse_additional_headers({"Access-Control-Allow-Origin: *", "X-Test:  v "});
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[1], (std::pair<std::string, std::string>{"X-Test", "v"}));
  auto handler =
      with_additional_headers([](const common::HttpRequest&) { return common::HttpResponse::text(200, ""); }, headers);
  auto r = handler(make_request("GET", "/"));
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.headers[0].first, "Access-Control-Allow-Origin");
  EXPECT_THROW(parse_additional_headers({"no colon"}), std::invalid_argument);
}

}  // namespace
}  // namespace peregrine::query
