// The agent end to end on ephemeral ports: UDP compact/binary/zipkin packets → gRPC PostSpans to a real
// Jaeger gRPC receiver acting as the collector (agent tags appended), sampling on the agent's HTTP port proxied
// to the collector's SamplingManager, decode errors counted, the in-process SinkReporter, reporter failures.
#include <gtest/gtest.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include "backend/agent/agent.hpp"
#include "backend/agent/agent_tags.hpp"
#include "backend/agent/collector_channels.hpp"
#include "backend/agent/grpc_reporter.hpp"
#include "backend/agent/grpc_strategy_provider.hpp"
#include "backend/agent/sink_reporter.hpp"
#include "backend/receivers/jaeger/jaeger_grpc_receiver.hpp"
#include "backend/sampling/file_strategy_provider.hpp"
#include "tests/common/http_test_client.hpp"
#include "tests/jaeger/fake_sink.hpp"
#include "tests/jaeger/thrift_samples.hpp"

namespace peregrine {
namespace {

std::string testdata(const std::string& name) { return std::string(PEREGRINE_JAEGER_TESTDATA) + "/" + name; }

receivers::JaegerGrpcOptions grpc_options_on(const std::string& host_port) {
  receivers::JaegerGrpcOptions o;
  o.host_port = host_port;
  return o;
}


void send_udp(uint16_t port, const std::string& payload) {
  int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::sendto(fd, payload.data(), payload.size(), 0, reinterpret_cast<sockaddr*>(&addr), sizeof addr),
            static_cast<ssize_t>(payload.size()));
  ::close(fd);
}

agent::AgentOptions ephemeral_agent_options() {
  agent::AgentOptions o;
  o.jaeger_compact.host_port = "127.0.0.1:0";
  o.jaeger_compact.workers = 1;  // packets on this port are handled in order
  o.jaeger_binary.host_port = "127.0.0.1:0";
  o.zipkin_compact.host_port = "127.0.0.1:0";
  o.http_host_port = "127.0.0.1:0";
  return o;
}

std::string process_tag(const model::Span& s, const std::string& key) {
  for (const auto& t : s.process->tags)
    if (t.key == key) return t.str;
  return "<absent>";
}

TEST(Agent, UdpToGrpcCollectorRoundTripAndSamplingProxy) {
  testing::RecordingSink collector_sink;
  common::MetricsRegistry collector_metrics;
  sampling::FileStrategyProvider strategies(sampling::FileStrategyOptions{testdata("mcp_sampling.json")});
  receivers::JaegerGrpcReceiver collector(grpc_options_on("127.0.0.1:0"), collector_sink,
                                          collector_metrics, &strategies);
  collector.start();

  common::MetricsRegistry metrics;
  agent::CollectorConnectionOptions conn;
  conn.host_ports = {"127.0.0.1:" + std::to_string(collector.port())};
  auto channels = agent::make_collector_channels(conn);
  auto tags = agent::parse_agent_tags("cluster=test,zone=${PEREGRINE_TEST_UNSET_ZONE:eu-1}");
  agent::GrpcReporter reporter(channels, tags, agent::GrpcReporterOptions{}, metrics);
  agent::GrpcStrategyProvider remote(channels, metrics);
  agent::Agent a(ephemeral_agent_options(), reporter, remote, metrics);
  a.start();
  auto ports = a.ports();
  ASSERT_EQ(ports.size(), 4u);

  send_udp(ports["agent_compact"], "\x82\x21\x01garbage");
  send_udp(ports["agent_compact"], testing::agent_emit_batch_packet(testing::sample_jaeger_batch("compact-svc"), true));
  send_udp(ports["agent_binary"], testing::agent_emit_batch_packet(testing::sample_jaeger_batch("binary-svc"), false));
  send_udp(ports["agent_zipkin_compact"],
           testing::agent_emit_zipkin_batch_packet({testing::sample_zipkin_v1_client_span()}, true));

  auto subs = collector_sink.wait_for(3);
  ASSERT_EQ(subs.size(), 3u);
  std::map<std::string, const model::SpanBatch*> by_service;
  for (const auto& s : subs) by_service[s.batch[0].process->service_name] = &s.batch;
  ASSERT_TRUE(by_service.count("compact-svc"));
  ASSERT_TRUE(by_service.count("binary-svc"));
  ASSERT_TRUE(by_service.count("web"));
  const auto& compact = *by_service["compact-svc"];
  ASSERT_EQ(compact.size(), 2u);
  EXPECT_EQ(compact[1].parent_span_id(), compact[0].span_id);
  EXPECT_EQ(process_tag(compact[0], "hostname"), "host-1");
  EXPECT_EQ(process_tag(compact[0], "cluster"), "test");
  EXPECT_EQ(process_tag(compact[0], "zone"), "eu-1");
  EXPECT_EQ(process_tag((*by_service["web"])[0], "cluster"), "test");
  // The garbage packet was handled before the valid one on the single-worker compact port.
  EXPECT_EQ(metrics.counter("jaeger_agent_thrift_udp_t_processor_handler_errors_total", "",
                            {{"model", "jaeger"}, {"protocol", "compact"}}).value(), 1);

  testing::TestClient http(ports["agent_http"]);
  auto r = http.get("/sampling?service=frontend");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, R"({"strategyType":"RATE_LIMITING","rateLimitingSampling":{"maxTracesPerSecond":100}})");
  EXPECT_EQ(http.get("/?service=agent-collaboration").body,
            R"({"strategyType":0,"probabilisticSampling":{"samplingRate":1}})");
  EXPECT_EQ(http.get("/sampling?service=nobody").body,
            R"({"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.1}})");
  EXPECT_EQ(http.get("/sampling").status, 400u);
  EXPECT_EQ(http.get("/baggageRestrictions?service=x").body, "[]");

  collector.stop();
  auto down = http.get("/sampling?service=frontend");
  EXPECT_EQ(down.status, 500u);
  EXPECT_NE(down.body.find("collector error"), std::string::npos);
  a.stop();
}

TEST(Agent, SinkReporterFeedsAnInProcessPipeline) {
  testing::RecordingSink sink;
  common::MetricsRegistry metrics;
  agent::SinkReporter reporter(sink, metrics);
  sampling::FileStrategyOptions aio;
  aio.default_sampling_probability = 1.0;
  sampling::FileStrategyProvider strategies(aio);
  agent::Agent a(ephemeral_agent_options(), reporter, strategies, metrics);
  a.start();
  send_udp(a.ports()["agent_binary"], testing::agent_emit_batch_packet(testing::sample_jaeger_batch(), false));
  auto subs = sink.wait_for(1);
  ASSERT_EQ(subs.size(), 1u);
  EXPECT_EQ(subs[0].transport, "udp");
  EXPECT_EQ(subs[0].format, "jaeger");
  testing::TestClient http(a.ports()["agent_http"]);
  EXPECT_EQ(http.get("/sampling?service=x").body,
            R"({"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":1}})");
  a.stop();
}

TEST(Agent, ReporterCountsFailuresWhenNoCollectorAnswers) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);  // nothing listens on this port now
  common::MetricsRegistry metrics;
  agent::CollectorConnectionOptions conn;
  conn.host_ports = {"127.0.0.1:" + std::to_string(ntohs(addr.sin_port)), "dns:///localhost:" + std::to_string(ntohs(addr.sin_port))};
  agent::GrpcReporterOptions opts;
  opts.retry_max = 2;
  opts.initial_backoff = std::chrono::milliseconds(1);
  opts.call_timeout = std::chrono::milliseconds(2000);
  agent::GrpcReporter reporter(agent::make_collector_channels(conn), {}, opts, metrics);
  model::SpanBatch batch(3);
  for (auto& s : batch) s.process = std::make_shared<model::Process>();
  reporter.emit_batch(std::move(batch), "jaeger");
  EXPECT_EQ(metrics.counter("jaeger_agent_reporter_spans_failures_total", "", {{"format", "jaeger"}, {"protocol", "grpc"}}).value(), 3);
}

TEST(AgentTags, ParsesPlainAndEnvironmentValues) {
  auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "POD") return std::string("pod-7");
    if (name == "EMPTY") return std::string();
    return std::nullopt;
  };
  auto tags = agent::parse_agent_tags("a=1, b = ${POD} ,c=${MISSING:dflt},d=${EMPTY:x},e=${MISSING},junk,=v", env);
  ASSERT_EQ(tags.size(), 5u);
  EXPECT_EQ(tags[0].key, "a");
  EXPECT_EQ(tags[0].str, "1");
  EXPECT_EQ(tags[1].str, "pod-7");
  EXPECT_EQ(tags[2].str, "dflt");
  EXPECT_EQ(tags[3].str, "x");
  EXPECT_EQ(tags[4].str, "");
}

TEST(AgentTags, AppendedToEveryDistinctProcessOnce) {
  auto shared = std::make_shared<model::Process>();
  shared->service_name = "s";
  model::SpanBatch batch(2);
  batch[0].process = shared;
  batch[1].process = shared;
  auto out = agent::with_agent_tags(std::move(batch), {model::KeyValue::String("k", "v")});
  EXPECT_EQ(out[0].process, out[1].process);
  ASSERT_EQ(out[0].process->tags.size(), 1u);
  EXPECT_TRUE(shared->tags.empty());  // the original process is untouched
}

TEST(CollectorTarget, Forms) {
  EXPECT_EQ(agent::collector_target("collector:14250"), "dns:///collector:14250");
  EXPECT_EQ(agent::collector_target(":14250"), "dns:///localhost:14250");
  EXPECT_EQ(agent::collector_target("dns:///jaeger-collector-headless:14250"), "dns:///jaeger-collector-headless:14250");
}

}  // namespace
}  // namespace peregrine
