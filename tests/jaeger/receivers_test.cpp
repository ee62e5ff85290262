// Jaeger-native and Zipkin collector endpoints over real sockets: status codes, content types, gzip,
// back-pressure, the sampling routes on 14268, gRPC PostSpans / SamplingManager / health on 14250.
#include <gtest/gtest.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include "backend/common/compression.hpp"
#include "backend/convert/jaeger/jaeger_proto.hpp"
#include "backend/convert/jaeger/jaeger_thrift_to_model.hpp"
#include "backend/receivers/jaeger/jaeger_grpc_receiver.hpp"
#include "backend/receivers/jaeger/jaeger_http_receiver.hpp"
#include "backend/receivers/zipkin/zipkin_http_receiver.hpp"
#include "backend/sampling/file_strategy_provider.hpp"
#include "jaeger/collector.grpc.pb.h"
#include "jaeger/sampling.grpc.pb.h"
#include "tests/common/http_test_client.hpp"
#include "tests/jaeger/fake_sink.hpp"
#include "tests/jaeger/thrift_samples.hpp"
#include "zipkin/zipkin.pb.h"

namespace peregrine {
namespace {

namespace http = boost::beast::http;

std::string testdata(const std::string& name) { return std::string(PEREGRINE_JAEGER_TESTDATA) + "/" + name; }

receivers::JaegerGrpcOptions grpc_options_on(const std::string& host_port) {
  receivers::JaegerGrpcOptions o;
  o.host_port = host_port;
  return o;
}

receivers::JaegerHttpOptions http_options_on(const std::string& host_port) {
  receivers::JaegerHttpOptions o;
  o.host_port = host_port;
  return o;
}


class JaegerHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    receiver_ = std::make_unique<receivers::JaegerHttpReceiver>(http_options_on("127.0.0.1:0"), sink_,
                                                                metrics_, &sampling_);
    receiver_->start();
  }
  testing::ClientResponse post(const std::string& body, const std::string& type,
                               std::vector<std::pair<std::string, std::string>> headers = {}) {
    testing::TestClient client(receiver_->port());
    headers.emplace_back("Content-Type", type);
    return client.request(http::verb::post, "/api/traces", body, headers);
  }
  testing::RecordingSink sink_;
  common::MetricsRegistry metrics_;
  sampling::FileStrategyProvider sampling_{sampling::FileStrategyOptions{testdata("mcp_sampling.json")}};
  std::unique_ptr<receivers::JaegerHttpReceiver> receiver_;
};

TEST_F(JaegerHttpTest, AcceptsThriftBatchWith202) {
  auto body = testing::thrift_serialize(testing::sample_jaeger_batch(), false);
  EXPECT_EQ(post(body, "application/x-thrift").status, 202u);
  EXPECT_EQ(post(body, "application/vnd.apache.thrift.binary").status, 202u);
  EXPECT_EQ(post(common::gzip_compress(body), "application/x-thrift", {{"Content-Encoding", "gzip"}}).status, 202u);
  auto subs = sink_.submissions();
  ASSERT_EQ(subs.size(), 3u);
  EXPECT_EQ(subs[0].batch.size(), 2u);
  EXPECT_EQ(subs[0].transport, "http");
  EXPECT_EQ(subs[0].format, "jaeger");
}

TEST_F(JaegerHttpTest, RejectsOtherContentTypesAndGarbage) {
  auto body = testing::thrift_serialize(testing::sample_jaeger_batch(), false);
  auto r = post("{}", "application/json");
  EXPECT_EQ(r.status, 400u);
  EXPECT_NE(r.body.find("Unsupported content type: application/json"), std::string::npos);
  EXPECT_EQ(post(body, "").status, 400u);
  auto bad = post("garbage!", "application/x-thrift");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_NE(bad.body.find("Unable to process request body"), std::string::npos);
  EXPECT_EQ(post(body.substr(0, body.size() / 2), "application/x-thrift").status, 400u);
  EXPECT_TRUE(sink_.submissions().empty());
  testing::TestClient client(receiver_->port());
  EXPECT_EQ(client.get("/api/traces").status, 405u);
}

TEST_F(JaegerHttpTest, BackPressureAnswers503WithRetryAfter) {
  sink_.set_status(pipeline::SubmitStatus::QueueFull);
  auto r = post(testing::thrift_serialize(testing::sample_jaeger_batch(), false), "application/x-thrift");
  EXPECT_EQ(r.status, 503u);
  EXPECT_EQ(std::string(r.raw["Retry-After"]), "1");
}

TEST_F(JaegerHttpTest, ServesSamplingStrategies) {
  testing::TestClient client(receiver_->port());
  auto r = client.get("/api/sampling?service=frontend");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(r.body, R"({"strategyType":"RATE_LIMITING","rateLimitingSampling":{"maxTracesPerSecond":100}})");
  EXPECT_EQ(client.get("/api/sampling").status, 400u);
  EXPECT_EQ(client.get("/api/sampling?service=a&service=b").status, 400u);
  EXPECT_EQ(client.get("/api/baggageRestrictions?service=a").body, "[]");
}

class ZipkinHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    receivers::ZipkinHttpOptions opts;
    opts.host_port = "127.0.0.1:0";
    receiver_ = std::make_unique<receivers::ZipkinHttpReceiver>(opts, sink_, metrics_);
    receiver_->start();
  }
  testing::ClientResponse post(const std::string& path, const std::string& body, const std::string& type,
                               std::vector<std::pair<std::string, std::string>> headers = {}) {
    testing::TestClient client(receiver_->port());
    if (!type.empty()) headers.emplace_back("Content-Type", type);
    return client.request(http::verb::post, path, body, headers);
  }
  testing::RecordingSink sink_;
  common::MetricsRegistry metrics_;
  std::unique_ptr<receivers::ZipkinHttpReceiver> receiver_;
};

TEST_F(ZipkinHttpTest, AcceptsEveryEncoding) {
  const std::string v2 = R"([{"traceId":"1","id":"2","kind":"SERVER","name":"x","localEndpoint":{"serviceName":"svc"}}])";
  EXPECT_EQ(post("/api/v2/spans", v2, "application/json").status, 202u);
  EXPECT_EQ(post("/api/v2/spans", common::gzip_compress(v2), "application/json; charset=utf-8",
                 {{"Content-Encoding", "gzip"}}).status, 202u);
  zipkin::proto3::ListOfSpans list;
  auto* s = list.add_spans();
  s->set_trace_id(std::string(8, '\1'));
  s->set_id(std::string(8, '\2'));
  EXPECT_EQ(post("/api/v2/spans", list.SerializeAsString(), "application/x-protobuf").status, 202u);
  EXPECT_EQ(post("/api/v1/spans", R"([{"traceId":"1","id":"2","name":"x"}])", "application/json").status, 202u);
  EXPECT_EQ(post("/api/v1/spans", testing::thrift_serialize_zipkin_list({testing::sample_zipkin_v1_client_span()}, false),
                 "application/x-thrift").status, 202u);
  auto subs = sink_.submissions();
  ASSERT_EQ(subs.size(), 5u);
  EXPECT_EQ(subs[0].format, "zipkin");
  EXPECT_EQ(subs[0].batch[0].process->service_name, "svc");
}

TEST_F(ZipkinHttpTest, RejectsBadInput) {
  EXPECT_EQ(post("/api/v2/spans", "[]", "text/plain").status, 400u);
  EXPECT_EQ(post("/api/v2/spans", "[]", "").status, 400u);
  EXPECT_EQ(post("/api/v2/spans", "[", "application/json").status, 400u);
  EXPECT_EQ(post("/api/v1/spans", "x", "application/x-protobuf").status, 400u);
  EXPECT_EQ(post("/api/v2/spans", "not gzip", "application/json", {{"Content-Encoding", "gzip"}}).status, 400u);
  EXPECT_EQ(post("/api/v2/spans", "[]", "application/json").status, 202u);  // empty batch is fine
  EXPECT_TRUE(sink_.submissions().empty());
  sink_.set_status(pipeline::SubmitStatus::ShuttingDown);
  auto r = post("/api/v2/spans", R"([{"traceId":"1","id":"2"}])", "application/json");
  EXPECT_EQ(r.status, 503u);
  EXPECT_EQ(std::string(r.raw["Retry-After"]), "1");
}

TEST_F(ZipkinHttpTest, CorsPreflight) {
  testing::TestClient client(receiver_->port());
  auto r = client.request(http::verb::options, "/api/v2/spans", "",
                          {{"Origin", "http://app.example"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(r.status, 204u);
  EXPECT_EQ(std::string(r.raw["Access-Control-Allow-Origin"]), "http://app.example");
}

class JaegerGrpcTest : public ::testing::Test {
 protected:
  void SetUp() override {
    receiver_ = std::make_unique<receivers::JaegerGrpcReceiver>(grpc_options_on("127.0.0.1:0"), sink_,
                                                                metrics_, &sampling_);
    receiver_->start();
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(receiver_->port()), grpc::InsecureChannelCredentials());
  }
  testing::RecordingSink sink_;
  common::MetricsRegistry metrics_;
  sampling::FileStrategyProvider sampling_{sampling::FileStrategyOptions{testdata("chatgpt_sampling.json")}};
  std::unique_ptr<receivers::JaegerGrpcReceiver> receiver_;
  std::shared_ptr<grpc::Channel> channel_;
};

jaeger::api_v2::PostSpansRequest sample_request() {
  auto decoded = convert::jaeger_batch_from_thrift(testing::thrift_serialize(testing::sample_jaeger_batch(), false),
                                                   convert::thrift::Protocol::Binary);
  jaeger::api_v2::PostSpansRequest req;
  *req.mutable_batch() = convert::jaeger_batch_to_proto(decoded.batch);
  return req;
}

TEST_F(JaegerGrpcTest, PostSpansStatusCodes) {
  auto stub = jaeger::api_v2::CollectorService::NewStub(channel_);
  {
    grpc::ClientContext ctx;
    jaeger::api_v2::PostSpansResponse resp;
    EXPECT_TRUE(stub->PostSpans(&ctx, sample_request(), &resp).ok());
  }
  auto subs = sink_.submissions();
  ASSERT_EQ(subs.size(), 1u);
  EXPECT_EQ(subs[0].batch.size(), 2u);
  EXPECT_EQ(subs[0].transport, "grpc");
  EXPECT_EQ(subs[0].batch[0].process->service_name, "frontend");
  {
    auto bad = sample_request();
    bad.mutable_batch()->mutable_spans(0)->set_trace_id("bad");
    grpc::ClientContext ctx;
    jaeger::api_v2::PostSpansResponse resp;
    EXPECT_EQ(stub->PostSpans(&ctx, bad, &resp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  }
  sink_.set_status(pipeline::SubmitStatus::QueueFull);
  {
    grpc::ClientContext ctx;
    jaeger::api_v2::PostSpansResponse resp;
    EXPECT_EQ(stub->PostSpans(&ctx, sample_request(), &resp).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  }
}

TEST_F(JaegerGrpcTest, UndecodableRequestIsInvalidArgumentAndCounted) {
  grpc::GenericStub generic(channel_);
  std::string garbage("\x0a\xff\xff\xff\xff\x0f garbage", 15);
  grpc::Slice slice(garbage);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  grpc::ClientContext ctx;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  grpc::Status status;
  generic.UnaryCall(&ctx, "/jaeger.api_v2.CollectorService/PostSpans", grpc::StubOptions(), &request, &response,
                    [&](grpc::Status s) {
                      std::lock_guard<std::mutex> lock(mu);
                      status = s;
                      done = true;
                      cv.notify_all();
                    });
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [&] { return done; });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(metrics_.counter("peregrine_jaeger_requests_rejected_total", "",
                             {{"transport", "grpc"}, {"encoding", "proto"}, {"reason", "invalid"}}).value(),
            1);
}

TEST_F(JaegerGrpcTest, SamplingManagerAndHealth) {
  auto stub = jaeger::api_v2::SamplingManager::NewStub(channel_);
  grpc::ClientContext ctx;
  jaeger::api_v2::SamplingStrategyParameters params;
  params.set_servicename("chatgpt-mcp-server");
  jaeger::api_v2::SamplingStrategyResponse resp;
  ASSERT_TRUE(stub->GetSamplingStrategy(&ctx, params, &resp).ok());
  EXPECT_EQ(resp.strategytype(), jaeger::api_v2::PROBABILISTIC);
  EXPECT_DOUBLE_EQ(resp.probabilisticsampling().samplingrate(), 0.1);
  EXPECT_EQ(resp.operationsampling().peroperationstrategies_size(), 3);

  grpc::GenericStub generic(channel_);
  // grpc.health.v1.HealthCheckRequest{service:""} is the empty message.
  grpc::Slice empty("");
  grpc::ByteBuffer request(&empty, 1), response;
  grpc::ClientContext hctx;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  grpc::Status status;
  generic.UnaryCall(&hctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &response,
                    [&](grpc::Status s) {
                      std::lock_guard<std::mutex> lock(mu);
                      status = s;
                      done = true;
                      cv.notify_all();
                    });
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [&] { return done; });
  EXPECT_TRUE(status.ok()) << status.error_message();
}

}  // namespace
}  // namespace peregrine
