// End to end through a CollectorRuntime with SAMPLING_CONFIG_TYPE=adaptive: root spans with Jaeger's sampler
// attributes go in over OTLP/HTTP at a known rate, calculations are triggered explicitly (the interval is an hour, so
// the background thread never interferes) and /api/sampling on the Jaeger HTTP port and SamplingManager on the gRPC
// port serve probabilities that move toward the target.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "backend/common/metrics.hpp"
#include "backend/runtime/collector_runtime.hpp"
#include "backend/sampling/adaptive_strategy_provider.hpp"
#include "jaeger/sampling.grpc.pb.h"
#include "tests/common/http_test_client.hpp"

namespace peregrine {
namespace {

using Clock = std::chrono::steady_clock;

class DiscardingWriter : public storage::SpanWriter {
 public:
  void write_spans(const model::SpanBatch&) override {}
};

std::string hex(uint64_t v, int width) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%0*llx", width, static_cast<unsigned long long>(v));
  return buf;
}

// `n` root spans of `operation` sampled probabilistically at `probability`, plus one child span each (not counted).
std::string otlp_json(const std::string& operation, int n, double probability, uint64_t first_trace) {
  nlohmann::json spans = nlohmann::json::array();
  for (int i = 0; i < n; ++i) {
    const std::string trace_id = hex(first_trace + i, 32);
    spans.push_back({{"traceId", trace_id}, {"spanId", hex(2 * (first_trace + i) + 1, 16)}, {"name", operation},
                     {"startTimeUnixNano", "1700000000000000000"}, {"endTimeUnixNano", "1700000000001000000"},
                     {"attributes",
                      {{{"key", "sampler.type"}, {"value", {{"stringValue", "probabilistic"}}}},
                       {{"key", "sampler.param"}, {"value", {{"doubleValue", probability}}}}}}});
    spans.push_back({{"traceId", trace_id}, {"spanId", hex(2 * (first_trace + i) + 2, 16)},
                     {"parentSpanId", hex(2 * (first_trace + i) + 1, 16)}, {"name", operation},
                     {"startTimeUnixNano", "1700000000000000000"}, {"endTimeUnixNano", "1700000000001000000"},
                     {"attributes",
                      {{{"key", "sampler.type"}, {"value", {{"stringValue", "probabilistic"}}}},
                       {{"key", "sampler.param"}, {"value", {{"doubleValue", probability}}}}}}});
  }
  nlohmann::json req = {
      {"resourceSpans",
       {{{"resource", {{"attributes", {{{"key", "service.name"}, {"value", {{"stringValue", "checkout"}}}}}}}},
         {"scopeSpans", {{{"spans", spans}}}}}}}};
  return req.dump();
}

double served_probability(uint16_t http_port, const std::string& operation) {
  testing::TestClient client(http_port);
  auto r = client.request(testing::http::verb::get, "/api/sampling?service=checkout");
  EXPECT_EQ(r.status, 200u) << r.body;
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["strategyType"], "PROBABILISTIC");
  EXPECT_EQ(j["operationSampling"]["defaultSamplingProbability"], 0.001);
  for (const auto& s : j["operationSampling"]["perOperationStrategies"])
    if (s["operation"] == operation) return s["probabilisticSampling"]["samplingRate"].get<double>();
  return -1;
}

class AdaptiveCollector : public ::testing::Test {
 protected:
  void SetUp() override {
    runtime::define_collector_flags(cfg_);
    std::vector<const char*> argv = {"test",
                                     "--collector.otlp.grpc.host-port=127.0.0.1:0",
                                     "--collector.otlp.http.host-port=127.0.0.1:0",
                                     "--collector.http-server.host-port=127.0.0.1:0",
                                     "--collector.grpc-server.host-port=127.0.0.1:0",
                                     "--sampling.calculation-interval=1h",
                                     "--sampling.delay=0s"};
    cfg_.parse(static_cast<int>(argv.size()), argv.data(), {{"SAMPLING_CONFIG_TYPE", "adaptive"}});
    start_ = Clock::now();
    collector_ = std::make_unique<runtime::CollectorRuntime>(cfg_, std::make_shared<DiscardingWriter>(), metrics_);
    collector_->start();
    provider_ = dynamic_cast<sampling::AdaptiveStrategyProvider*>(&collector_->sampling());
    ASSERT_NE(provider_, nullptr);
  }
  void TearDown() override { EXPECT_EQ(collector_->stop(), 0u); }

  void post(const std::string& body) {
    testing::TestClient client(collector_->ports().at("otlp_http"));
    auto r = client.request(testing::http::verb::post, "/v1/traces", body, {{"Content-Type", "application/json"}});
    ASSERT_EQ(r.status, 200u) << r.body;
  }

  common::Config cfg_;
  common::MetricsRegistry metrics_;
  Clock::time_point start_;
  std::unique_ptr<runtime::CollectorRuntime> collector_;
  sampling::AdaptiveStrategyProvider* provider_ = nullptr;
};

TEST_F(AdaptiveCollector, ProbabilitiesMoveTowardTheTarget) {
  const uint16_t http_port = collector_->ports().at("jaeger_thrift_http");
  EXPECT_EQ(served_probability(http_port, "GET /cart"), -1);  // nothing calculated yet: defaults only

  // Interval 1: 40 sampled roots in ~100 s (the runtime was built just after start_) = ~0.4/s: x2.5 wanted, the
  // increase is capped at x2.
  post(otlp_json("GET /cart", 40, 0.001, 1));
  provider_->run_calculation(start_ + std::chrono::seconds(100));
  const double first = served_probability(http_port, "GET /cart");
  EXPECT_DOUBLE_EQ(first, 0.002);

  // Interval 2: the client follows (sampler.param 0.002) and sends 500 sampled roots in 100 s = 5/s → /5.
  post(otlp_json("GET /cart", 500, 0.002, 1000));
  provider_->run_calculation(start_ + std::chrono::seconds(200));
  const double second = served_probability(http_port, "GET /cart");
  EXPECT_LT(second, first);
  EXPECT_DOUBLE_EQ(second, 0.0004);  // interval 2 is exactly 100 s

  // The same strategy over gRPC SamplingManager (14250).
  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(collector_->ports().at("jaeger_grpc")),
                                     grpc::InsecureChannelCredentials());
  auto stub = jaeger::api_v2::SamplingManager::NewStub(channel);
  grpc::ClientContext ctx;
  jaeger::api_v2::SamplingStrategyParameters params;
  params.set_servicename("checkout");
  jaeger::api_v2::SamplingStrategyResponse resp;
  ASSERT_TRUE(stub->GetSamplingStrategy(&ctx, params, &resp).ok());
  ASSERT_EQ(resp.operationsampling().peroperationstrategies_size(), 1);
  EXPECT_EQ(resp.operationsampling().peroperationstrategies(0).operation(), "GET /cart");
  EXPECT_DOUBLE_EQ(resp.operationsampling().peroperationstrategies(0).probabilisticsampling().samplingrate(), second);
  EXPECT_DOUBLE_EQ(resp.operationsampling().defaultlowerboundtracespersecond(), 1.0 / 60);
}

TEST(AdaptiveCollectorConfig, UnknownSamplingConfigTypeIsAConfigError) {
  common::Config cfg;
  runtime::define_collector_flags(cfg);
  const char* argv[] = {"test"};
  cfg.parse(1, argv, {{"SAMPLING_CONFIG_TYPE", "cassandra"}});
  common::MetricsRegistry metrics;
  EXPECT_THROW(runtime::CollectorRuntime(cfg, std::make_shared<DiscardingWriter>(), metrics), common::ConfigError);
}

}  // namespace
}  // namespace peregrine
