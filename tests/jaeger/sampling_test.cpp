// Sampling strategies: the seeds' strategies files load and answer as documented, Jaeger's merge semantics,
// the JSON shapes of /sampling and the legacy endpoint, file and URL sources, reload.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "backend/common/http_server.hpp"
#include "backend/sampling/file_strategy_provider.hpp"
#include "backend/sampling/strategies_file.hpp"
#include "backend/sampling/strategy_json.hpp"
#include "backend/sampling/strategy_proto.hpp"

namespace peregrine {
namespace {

using sampling::FileStrategyOptions;
using sampling::FileStrategyProvider;
using sampling::strategy_to_json;
using sampling::strategy_to_legacy_json;

std::string testdata(const std::string& name) { return std::string(PEREGRINE_JAEGER_TESTDATA) + "/" + name; }

std::string answer(FileStrategyProvider& p, const std::string& service) {
  return strategy_to_json(p.get_sampling_strategy(service));
}

TEST(SamplingFile, ChatGptSeedFile) {
  FileStrategyProvider p(FileStrategyOptions{testdata("chatgpt_sampling.json")});
  EXPECT_EQ(answer(p, "chatgpt-mcp-server"),
            R"({"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.1},)"
            R"("operationSampling":{"defaultSamplingProbability":0.1,"defaultLowerBoundTracesPerSecond":0,)"
            R"("perOperationStrategies":[{"operation":"tool:search_knowledge_base","probabilisticSampling":{"samplingRate":1}},)"
            R"({"operation":"tool:generate_report","probabilisticSampling":{"samplingRate":0.5}},)"
            R"({"operation":"widget:render_chart","probabilisticSampling":{"samplingRate":0.2}}],)"
            R"("defaultUpperBoundTracesPerSecond":0}})");
  EXPECT_EQ(answer(p, "anything-else"), R"({"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.001}})");
}

TEST(SamplingFile, McpSeedFileWithCommentAndRateLimitingSpelling) {
  FileStrategyProvider p(FileStrategyOptions{testdata("mcp_sampling.json")});
  auto router = p.get_sampling_strategy("model-router");
  EXPECT_EQ(router.sampling_rate, 1.0);
  ASSERT_TRUE(router.operation_sampling);
  ASSERT_EQ(router.operation_sampling->per_operation_strategies.size(), 1u);
  EXPECT_EQ(router.operation_sampling->per_operation_strategies[0].operation, "health_check");
  EXPECT_EQ(router.operation_sampling->per_operation_strategies[0].sampling_rate, 0.01);
  EXPECT_EQ(p.get_sampling_strategy("workflow-orchestrator").operation_sampling->default_sampling_probability, 0.5);
  EXPECT_EQ(answer(p, "agent-collaboration"), R"({"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":1}})");
  EXPECT_EQ(answer(p, "frontend"), R"({"strategyType":"RATE_LIMITING","rateLimitingSampling":{"maxTracesPerSecond":100}})");
  EXPECT_EQ(strategy_to_legacy_json(p.get_sampling_strategy("frontend")),
            R"({"strategyType":1,"rateLimitingSampling":{"maxTracesPerSecond":100}})");
  EXPECT_EQ(answer(p, "unlisted"), R"({"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.1}})");
  EXPECT_EQ(strategy_to_legacy_json(p.get_sampling_strategy("unlisted")),
            R"({"strategyType":0,"probabilisticSampling":{"samplingRate":0.1}})");
}

TEST(SamplingFile, OperatorRenderedOptions) {
  FileStrategyProvider p(FileStrategyOptions{testdata("operator_sampling.json")});
  EXPECT_EQ(p.get_sampling_strategy("payment-service").sampling_rate, 1.0);
  EXPECT_EQ(p.get_sampling_strategy("health-check").sampling_rate, 0.001);
  EXPECT_EQ(p.get_sampling_strategy("other").sampling_rate, 0.1);
}

TEST(SamplingFile, DefaultOperationStrategiesAreMergedIntoServices) {
  std::vector<std::string> warnings;
  std::ifstream in(testdata("default_ops_sampling.json"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto store = sampling::parse_strategies(text, 0.001, &warnings);
  // foo: own op1 wins, op2 (rate limiting) skipped with a warning, /health appended from the default.
  const auto& foo = *store.lookup("foo").operation_sampling;
  EXPECT_EQ(foo.default_sampling_probability, 0.8);
  ASSERT_EQ(foo.per_operation_strategies.size(), 2u);
  EXPECT_EQ(foo.per_operation_strategies[0].operation, "op1");
  EXPECT_EQ(foo.per_operation_strategies[0].sampling_rate, 0.2);
  EXPECT_EQ(foo.per_operation_strategies[1].operation, "/health");
  EXPECT_FALSE(warnings.empty());
  // bar: rate limiting without own operations gets the default's operations, default probability unchanged.
  const auto& bar = store.lookup("bar");
  EXPECT_EQ(bar.type, sampling::StrategyType::RateLimiting);
  ASSERT_TRUE(bar.operation_sampling);
  EXPECT_EQ(bar.operation_sampling->default_sampling_probability, 0.5);
  EXPECT_EQ(bar.operation_sampling->per_operation_strategies.size(), 2u);
  // baz: probabilistic without own operations: the copy takes baz's own rate as default probability.
  EXPECT_EQ(store.lookup("baz").operation_sampling->default_sampling_probability, 0.4);
  // Unknown services get the default strategy with its operations.
  EXPECT_EQ(store.lookup("zzz").operation_sampling->per_operation_strategies.size(), 2u);
}

TEST(SamplingFile, DefaultsWithoutFileAndUnknownTypes) {
  FileStrategyProvider none(FileStrategyOptions{});
  EXPECT_EQ(answer(none, "x"), R"({"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.001}})");
  FileStrategyOptions all_in_one;
  all_in_one.default_sampling_probability = 1.0;
  FileStrategyProvider aio(all_in_one);
  EXPECT_EQ(aio.get_sampling_strategy("x").sampling_rate, 1.0);

  std::vector<std::string> warnings;
  auto store = sampling::parse_strategies(R"({"default_strategy":{"type":"adaptive","param":3}})", 0.25, &warnings);
  EXPECT_EQ(store.lookup("x").sampling_rate, 0.25);
  EXPECT_EQ(warnings.size(), 1u);
  EXPECT_EQ(sampling::parse_strategies("null", 0.001).lookup("x").sampling_rate, 0.001);
  EXPECT_THROW(sampling::parse_strategies("{not json", 0.001), sampling::StrategiesFileError);
  EXPECT_THROW(sampling::parse_strategies(R"({"service_strategies":{}})", 0.001), sampling::StrategiesFileError);
  EXPECT_THROW(FileStrategyProvider(FileStrategyOptions{"/nonexistent/sampling.json"}), sampling::StrategiesFileError);
}

TEST(SamplingFile, ProtoRoundTrip) {
  FileStrategyProvider p(FileStrategyOptions{testdata("chatgpt_sampling.json")});
  auto s = p.get_sampling_strategy("chatgpt-mcp-server");
  EXPECT_EQ(sampling::strategy_from_proto(sampling::strategy_to_proto(s)), s);
}

TEST(SamplingFile, ReloadPicksUpChangesAndKeepsOldOnError) {
  auto path = std::filesystem::temp_directory_path() / ("peregrine-sampling-" + std::to_string(::getpid()) + ".json");
  auto write = [&](const std::string& text) { std::ofstream(path) << text; };
  write(R"({"default_strategy":{"type":"probabilistic","param":0.3}})");
  FileStrategyProvider p(FileStrategyOptions{path.string()});
  EXPECT_EQ(p.get_sampling_strategy("a").sampling_rate, 0.3);
  write(R"({"default_strategy":{"type":"probabilistic","param":0.7}})");
  EXPECT_TRUE(p.reload());
  EXPECT_EQ(p.get_sampling_strategy("a").sampling_rate, 0.7);
  write("{broken");
  EXPECT_FALSE(p.reload());
  EXPECT_EQ(p.get_sampling_strategy("a").sampling_rate, 0.7);
  std::filesystem::remove(path);
}

TEST(SamplingFile, LoadsFromHttpUrl) {
  common::HttpServerOptions opts;
  opts.host_port = "127.0.0.1:0";
  common::HttpServer server(opts, [](const common::HttpRequest& r) {
    if (r.path == "/unavailable") return common::HttpResponse::text(503, "busy");
    if (r.path != "/sampling.json") return common::HttpResponse::text(404, "no");
    return common::HttpResponse::json(200, R"({"service_strategies":[{"service":"web","type":"ratelimiting","param":7}]})");
  });
  server.start();
  std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  FileStrategyProvider p(FileStrategyOptions{base + "/sampling.json"});
  EXPECT_EQ(p.get_sampling_strategy("web").max_traces_per_second, 7);
  FileStrategyProvider unavailable(FileStrategyOptions{base + "/unavailable"});
  EXPECT_EQ(unavailable.get_sampling_strategy("web").sampling_rate, 0.001);
  EXPECT_THROW(FileStrategyProvider(FileStrategyOptions{base + "/missing"}), sampling::StrategiesFileError);
  server.stop();
}

}  // namespace
}  // namespace peregrine
