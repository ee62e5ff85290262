// api_v3 HTTP gateway (/api/v3/...): services, operations, get/find traces as OTLP JSON under "result", and the
// {"error":{"httpCode","message"}} failures.
#include <gtest/gtest.h>

#include "tests/query/api_test_fixture.hpp"

namespace peregrine::query {
namespace {

using Json = nlohmann::json;

class ApiV3Test : public testing::QueryApiTest {};

std::string gateway_error_body(int code, const std::string& msg) {
  return R"({"error":{"httpCode":)" + std::to_string(code) + R"(,"message":")" + msg + R"("}})";
}

std::vector<std::string> otlp_trace_ids(const Json& body) {
  std::vector<std::string> out;
  for (const auto& rs : body["result"]["resourceSpans"]) {
    for (const auto& ss : rs["scopeSpans"]) {
      for (const auto& s : ss["spans"]) {
        if (std::find(out.begin(), out.end(), s["traceId"]) == out.end()) out.push_back(s["traceId"]);
      }
    }
  }
  return out;
}

TEST_F(ApiV3Test, Services) { EXPECT_EQ(get("/api/v3/services").body, R"({"services":["backend","frontend"]})"); }

TEST_F(ApiV3Test, Operations) {
  EXPECT_EQ(get("/api/v3/operations?service=backend").body,
            R"({"operations":[{"name":"query"},{"name":"query","spanKind":"client"}]})");
  EXPECT_EQ(get("/api/v3/operations?service=backend&span_kind=client").body,
            R"({"operations":[{"name":"query","spanKind":"client"}]})");
  EXPECT_EQ(get("/api/v3/operations?service=none").body, R"({"operations":[]})");
}

TEST_F(ApiV3Test, GetTrace) {
  Json body = get_json("/api/v3/traces/1");
  EXPECT_EQ(otlp_trace_ids(body), std::vector<std::string>{"00000000000000000000000000000001"});
  auto r = get("/api/v3/traces/5");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, gateway_error_body(404, "trace not found"));
  r = get("/api/v3/traces/zz");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, gateway_error_body(
                        400, R"(malformed parameter trace_id: strconv.ParseUint: parsing \"zz\": invalid syntax)"));
}

TEST_F(ApiV3Test, FindTraces) {
  const std::string window = "&query.start_time_min=2017-07-14T02:00:00Z&query.start_time_max=2017-07-14T02:40:00Z";
  Json body = get_json("/api/v3/traces?query.service_name=frontend" + window);
  EXPECT_EQ(otlp_trace_ids(body),
            (std::vector<std::string>{"00000000000000000000000000000002", "00000000000000000000000000000001"}));
  body = get_json("/api/v3/traces?query.service_name=frontend&query.num_traces=1" + window);
  EXPECT_EQ(otlp_trace_ids(body), std::vector<std::string>{"00000000000000000000000000000002"});
  body = get_json(
      "/api/v3/traces?query.service_name=backend&query.attributes=%7B%22http.status_code%22%3A%22500%22%7D" + window);
  EXPECT_EQ(otlp_trace_ids(body), std::vector<std::string>{"00000000000000000000000000000001"});
  body = get_json("/api/v3/traces?query.service_name=backend&query.duration_min=1ms" + window);
  EXPECT_EQ(otlp_trace_ids(body), std::vector<std::string>{"00000000000000000000000000000001"});
  body = get_json("/api/v3/traces?query.service_name=frontend&query.operation_name=GET%20%2Fabout" + window);
  EXPECT_EQ(otlp_trace_ids(body), std::vector<std::string>{"00000000000000000000000000000002"});
}

TEST_F(ApiV3Test, FindTracesErrors) {
  auto r = get("/api/v3/traces?query.service_name=frontend");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, gateway_error_body(400, "query.start_time_min and query.start_time_max are required"));
  r = get("/api/v3/traces?query.start_time_min=bad&query.start_time_max=2017-07-14T02:40:00Z");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("malformed parameter query.start_time_min: parsing time"), std::string::npos) << r.body;
  r =
      get("/api/v3/traces?query.start_time_min=2017-07-14T02:00:00Z&query.start_time_max=2017-07-14T02:40:00Z&"
          "query.num_traces=x");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, gateway_error_body(
                        400, R"(malformed parameter query.num_traces: strconv.Atoi: parsing \"x\": invalid syntax)"));
}

}  // namespace
}  // namespace peregrine::query
