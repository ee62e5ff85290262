// OTLP/HTTP receiver tests: the pure handler (status codes, encodings, gzip, error bodies, metrics), CORS, and
// one real round trip through the HTTP server with libcurl.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "backend/common/compression.hpp"
#include "backend/convert/otlp_json.hpp"
#include "backend/receivers/otlp_http_receiver.hpp"
#include "google/rpc/status.pb.h"
#include "tests/otlp/fake_sink.hpp"
#include "tests/otlp/otlp_test_data.hpp"

namespace peregrine::receivers {
namespace {

using namespace peregrine::otlp_test;

common::HttpRequest post(const std::string& content_type, std::string body) {
  common::HttpRequest request;
  request.method = "POST";
  request.target = "/v1/traces";
  request.path = "/v1/traces";
  if (!content_type.empty()) request.headers["Content-Type"] = content_type;
  request.body = std::move(body);
  return request;
}

std::string header_value(const common::HttpResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

std::string invalid_id_request_bytes() {
  auto request = one_span_request();
  first_span(request).set_span_id("short");
  return request.SerializeAsString();
}

TEST(OtlpHttpHandler, ProtobufAccepted) {
  FakeSink sink;
  common::HttpResponse response =
      handle_otlp_http(post("application/x-protobuf", one_span_request().SerializeAsString()), sink);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/x-protobuf");
  opentelemetry::proto::collector::trace::v1::ExportTraceServiceResponse decoded;
  EXPECT_TRUE(decoded.ParseFromString(response.body));
  EXPECT_FALSE(decoded.has_partial_success());
  auto calls = sink.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].transport, "http");
  EXPECT_EQ(calls[0].format, "proto");
  ASSERT_EQ(calls[0].batch.size(), 1u);
  EXPECT_EQ(calls[0].batch[0].operation_name, "op");
}

TEST(OtlpHttpHandler, JsonAcceptedWithCharsetParameter) {
  FakeSink sink;
  common::HttpResponse response = handle_otlp_http(
      post("Application/JSON; charset=utf-8", convert::otlp_request_to_json(one_span_request())), sink);
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(nlohmann::json::parse(response.body), nlohmann::json::object());
  ASSERT_EQ(sink.calls().size(), 1u);
  EXPECT_EQ(sink.calls()[0].batch[0].process->service_name, "svc");
}

TEST(OtlpHttpHandler, GzipBodiesAreInflated) {
  FakeSink sink;
  common::HttpRequest request =
      post("application/x-protobuf", common::gzip_compress(one_span_request().SerializeAsString()));
  request.headers["Content-Encoding"] = "gzip";
  EXPECT_EQ(handle_otlp_http(request, sink).status, 200);
  EXPECT_EQ(sink.calls().size(), 1u);

  common::HttpRequest corrupt = post("application/x-protobuf", "definitely not gzip");
  corrupt.headers["Content-Encoding"] = "gzip";
  common::HttpResponse response = handle_otlp_http(corrupt, sink);
  EXPECT_EQ(response.status, 400);

  common::HttpRequest unknown = post("application/json", "{}");
  unknown.headers["Content-Encoding"] = "br";
  EXPECT_EQ(handle_otlp_http(unknown, sink).status, 400);
}

TEST(OtlpHttpHandler, UnsupportedContentTypeIs415) {
  FakeSink sink;
  EXPECT_EQ(handle_otlp_http(post("text/plain", "x"), sink).status, 415);
  EXPECT_EQ(handle_otlp_http(post("", "x"), sink).status, 415);
  EXPECT_TRUE(sink.calls().empty());
}

TEST(OtlpHttpHandler, MalformedProtobufIs400WithProtobufStatus) {
  FakeSink sink;
  common::MetricsRegistry metrics;
  OtlpHttpHandlerOptions options;
  options.metrics = &metrics;
  common::HttpResponse response = handle_otlp_http(post("application/x-protobuf", "\xff\xff\xff"), sink, options);
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.content_type, "application/x-protobuf");
  google::rpc::Status status;
  ASSERT_TRUE(status.ParseFromString(response.body));
  EXPECT_EQ(status.code(), 3);
  EXPECT_FALSE(status.message().empty());
  EXPECT_EQ(metrics
                .counter("peregrine_otlp_requests_rejected_total", "",
                         {{"transport", "http"}, {"encoding", "proto"}, {"reason", "malformed"}})
                .value(),
            1.0);
}

TEST(OtlpHttpHandler, MalformedJsonIs400WithJsonStatus) {
  FakeSink sink;
  common::HttpResponse response = handle_otlp_http(post("application/json", "{not json"), sink);
  EXPECT_EQ(response.status, 400);
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["code"], 3);
  EXPECT_NE(body["message"].get<std::string>().find("malformed JSON"), std::string::npos);
}

TEST(OtlpHttpHandler, InvalidIdsAre400AndNothingIsSubmitted) {
  FakeSink sink;
  common::MetricsRegistry metrics;
  OtlpHttpHandlerOptions options;
  options.metrics = &metrics;
  common::HttpResponse response =
      handle_otlp_http(post("application/x-protobuf", invalid_id_request_bytes()), sink, options);
  EXPECT_EQ(response.status, 400);
  google::rpc::Status status;
  ASSERT_TRUE(status.ParseFromString(response.body));
  EXPECT_NE(status.message().find("span_id must be 8 bytes"), std::string::npos) << status.message();
  EXPECT_TRUE(sink.calls().empty());
  EXPECT_EQ(metrics
                .counter("jaeger_collector_spans_rejected_total", "", {{"transport", "http"}, {"format", "proto"}})
                .value(),
            1.0);
}

TEST(OtlpHttpHandler, QueueFullAndShuttingDownAre503WithRetryAfter) {
  for (auto status : {pipeline::SubmitStatus::QueueFull, pipeline::SubmitStatus::ShuttingDown}) {
    FakeSink sink(status);
    common::HttpResponse response =
        handle_otlp_http(post("application/json", convert::otlp_request_to_json(one_span_request())), sink);
    EXPECT_EQ(response.status, 503);
    EXPECT_EQ(header_value(response, "Retry-After"), "1");
    EXPECT_EQ(nlohmann::json::parse(response.body)["code"], 14);
    EXPECT_EQ(sink.refused(), 1);
  }
}

TEST(OtlpHttpHandler, EmptyRequestIsOkWithoutSubmitting) {
  FakeSink sink(pipeline::SubmitStatus::QueueFull);
  EXPECT_EQ(handle_otlp_http(post("application/x-protobuf", ""), sink).status, 200);
  EXPECT_EQ(handle_otlp_http(post("application/json", "{}"), sink).status, 200);
  EXPECT_EQ(sink.refused(), 0);
}

TEST(OtlpHttpEndpoint, RoutesAndCors) {
  FakeSink sink;
  common::MetricsRegistry metrics;
  OtlpHttpOptions options;
  options.cors.allowed_origins = {"https://*.example.com"};
  options.cors.allowed_headers = {"X-Custom"};
  common::HttpHandler handler = make_otlp_http_handler(sink, options, &metrics);

  common::HttpRequest request = post("application/x-protobuf", one_span_request().SerializeAsString());
  request.headers["Origin"] = "https://app.example.com";
  common::HttpResponse response = handler(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(header_value(response, "Access-Control-Allow-Origin"), "https://app.example.com");

  request.headers["Origin"] = "https://evil.test";
  EXPECT_EQ(header_value(handler(request), "Access-Control-Allow-Origin"), "");

  common::HttpRequest preflight;
  preflight.method = "OPTIONS";
  preflight.path = preflight.target = "/v1/traces";
  preflight.headers["Origin"] = "https://app.example.com";
  preflight.headers["Access-Control-Request-Method"] = "POST";
  preflight.headers["Access-Control-Request-Headers"] = "content-type, x-custom";
  common::HttpResponse ok = handler(preflight);
  EXPECT_EQ(ok.status, 204);
  EXPECT_EQ(header_value(ok, "Access-Control-Allow-Origin"), "https://app.example.com");
  EXPECT_EQ(header_value(ok, "Access-Control-Allow-Methods"), "POST");
  EXPECT_EQ(header_value(ok, "Access-Control-Allow-Headers"), "content-type, x-custom");

  preflight.headers["Access-Control-Request-Headers"] = "x-not-allowed";
  EXPECT_EQ(header_value(handler(preflight), "Access-Control-Allow-Origin"), "");

  common::HttpRequest root = post("application/x-protobuf", one_span_request().SerializeAsString());
  root.path = root.target = "/";
  EXPECT_EQ(handler(root).status, 200);

  common::HttpRequest get = post("application/json", "{}");
  get.method = "GET";
  EXPECT_EQ(handler(get).status, 405);
  common::HttpRequest other = post("application/json", "{}");
  other.path = other.target = "/v1/metrics";
  EXPECT_EQ(handler(other).status, 404);
  EXPECT_EQ(sink.calls().size(), 3u);
}

TEST(OtlpHttpEndpoint, WildcardOriginAnswersStar) {
  CorsPolicy policy;
  policy.allowed_origins = {"*"};
  common::HttpRequest request = post("application/json", "{}");
  request.headers["Origin"] = "http://localhost:5173";
  common::HttpResponse response;
  apply_cors_headers(request, policy, response);
  EXPECT_EQ(header_value(response, "Access-Control-Allow-Origin"), "*");
  EXPECT_FALSE(cors_origin_allowed(CorsPolicy{}, "http://localhost"));
}

size_t collect_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

TEST(OtlpHttpReceiver, RoundTripThroughRealServer) {
  FakeSink sink;
  common::MetricsRegistry metrics;
  OtlpHttpOptions options;
  options.host_port = "127.0.0.1:0";
  OtlpHttpReceiver receiver(options, sink, metrics);
  receiver.start();
  ASSERT_NE(receiver.port(), 0);

  const std::string body = common::gzip_compress(one_span_request().SerializeAsString());
  const std::string url = "http://127.0.0.1:" + std::to_string(receiver.port()) + "/v1/traces";
  CURL* curl = curl_easy_init();
  ASSERT_NE(curl, nullptr);
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/x-protobuf");
  headers = curl_slist_append(headers, "Content-Encoding: gzip");
  std::string response_body;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response_body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  receiver.stop();

  ASSERT_EQ(rc, CURLE_OK) << curl_easy_strerror(rc);
  EXPECT_EQ(status, 200);
  ASSERT_EQ(sink.calls().size(), 1u);
  EXPECT_EQ(sink.calls()[0].batch[0].operation_name, "op");
}

}  // namespace
}  // namespace peregrine::receivers
