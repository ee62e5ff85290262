// Agent: the Jaeger agent's listening side, reusable by peregrine-agent and peregrine-all-in-one:
//   UDP 6831 jaeger-compact (emitBatch, compact), 6832 jaeger-binary (emitBatch, binary),
//   5775 zipkin-compact (emitZipkinBatch, compact) — each with its own queue and workers — feeding a Reporter;
//   HTTP 5778 sampling endpoints (GET /sampling, legacy GET /, GET /baggageRestrictions) answered by a
//   StrategyProvider (the collector over gRPC in peregrine-agent, the strategies file in the all-in-one).
// Undecodable packets are counted in jaeger_agent_thrift_udp_t_processor_handler_errors_total{model,protocol}.
// Ports file keys: agent_compact, agent_binary, agent_zipkin_compact, agent_http.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "backend/agent/reporter.hpp"
#include "backend/agent/udp_server.hpp"
#include "backend/common/config.hpp"
#include "backend/common/http_server.hpp"
#include "backend/common/metrics.hpp"
#include "backend/sampling/strategy_provider.hpp"

namespace peregrine::agent {

struct AgentOptions {
  // An empty host_port disables that processor / server.
  UdpServerOptions jaeger_compact{":6831", 1000, 10, 65000, "jaeger", "compact"};
  UdpServerOptions jaeger_binary{":6832", 1000, 10, 65000, "jaeger", "binary"};
  UdpServerOptions zipkin_compact{":5775", 1000, 10, 65000, "zipkin", "compact"};
  std::string http_host_port = ":5778";
};

// Declares --processor.{jaeger-compact,jaeger-binary,zipkin-compact}.{server-host-port,server-queue-size,workers,
// server-max-packet-size}, --http-server.host-port, and accepts --processor.zipkin-http.server-host-port
// (not a Jaeger processor; ignored with a warning).
void define_agent_flags(common::Config& config);
// Throws common::ConfigError on invalid numbers.
AgentOptions agent_options_from_config(const common::Config& config);

class Agent {
 public:
  // `reporter`, `sampling` and `metrics` must outlive the agent.
  Agent(AgentOptions options, Reporter& reporter, sampling::StrategyProvider& sampling,
        common::MetricsRegistry& metrics);
  ~Agent();  // stops
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;

  // Binds every enabled port; throws std::runtime_error when one cannot be bound (nothing is left running).
  void start();
  // Stops the UDP servers (queued packets are still processed and reported) and the HTTP server. Idempotent.
  void stop();
  std::map<std::string, uint16_t> ports() const;

 private:
  std::unique_ptr<UdpServer> make_udp(const UdpServerOptions& o, bool compact);
  AgentOptions options_;
  Reporter& reporter_;
  sampling::StrategyProvider& sampling_;
  common::MetricsRegistry& metrics_;
  std::unique_ptr<UdpServer> compact_, binary_, zipkin_;
  std::unique_ptr<common::HttpServer> http_;
};

}  // namespace peregrine::agent
