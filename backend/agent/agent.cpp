// The agent's UDP processors and sampling HTTP server (see agent.hpp).
#include "backend/agent/agent.hpp"

#include "backend/agent/agent_packet.hpp"
#include "backend/common/http_router.hpp"
#include "backend/sampling/sampling_http.hpp"

namespace peregrine::agent {
namespace {

struct ProcessorFlags {
  const char* name;
  const char* default_host_port;
};

constexpr ProcessorFlags kProcessors[] = {
    {"jaeger-compact", ":6831"},
    {"jaeger-binary", ":6832"},
    {"zipkin-compact", ":5775"},
};

void read_processor(const common::Config& config, const std::string& name, UdpServerOptions& out) {
  const std::string p = "processor." + name + ".";
  out.host_port = config.get(p + "server-host-port");
  int64_t queue = config.get_int(p + "server-queue-size");
  int64_t workers = config.get_int(p + "workers");
  int64_t max_packet = config.get_int(p + "server-max-packet-size");
  if (queue < 1 || workers < 1 || max_packet < 1 || max_packet > 65535 || workers > 1024)
    throw common::ConfigError("invalid --" + p + "* value (queue size, workers or max packet size out of range)");
  out.queue_size = static_cast<size_t>(queue);
  out.workers = static_cast<int>(workers);
  out.max_packet_size = static_cast<size_t>(max_packet);
}

}  // namespace

void define_agent_flags(common::Config& config) {
  for (const auto& p : kProcessors) {
    const std::string prefix = std::string("processor.") + p.name + ".";
    config.define(prefix + "server-host-port", p.default_host_port, "host:port for the UDP server");
    config.define(prefix + "server-queue-size", "1000", "length of the queue for the UDP server");
    config.define(prefix + "workers", "10", "how many workers the processor should run");
    config.define(prefix + "server-max-packet-size", "65000", "max packet size for the UDP server");
  }
  config.define("http-server.host-port", ":5778", "host:port of the http server (e.g. for /sampling point and /baggageRestrictions endpoint)");
  config.define_ignored("processor.zipkin-http.server-host-port",
                        "Not a Jaeger agent processor; accepted and ignored (sampling HTTP is --http-server.host-port)");
}

AgentOptions agent_options_from_config(const common::Config& config) {
  AgentOptions o;
  read_processor(config, "jaeger-compact", o.jaeger_compact);
  read_processor(config, "jaeger-binary", o.jaeger_binary);
  read_processor(config, "zipkin-compact", o.zipkin_compact);
  o.http_host_port = config.get("http-server.host-port");
  return o;
}

Agent::Agent(AgentOptions options, Reporter& reporter, sampling::StrategyProvider& sampling,
             common::MetricsRegistry& metrics)
    : options_(std::move(options)), reporter_(reporter), sampling_(sampling), metrics_(metrics) {}

Agent::~Agent() { stop(); }

std::unique_ptr<UdpServer> Agent::make_udp(const UdpServerOptions& o, bool compact) {
  if (o.host_port.empty()) return nullptr;
  auto protocol = compact ? convert::thrift::Protocol::Compact : convert::thrift::Protocol::Binary;
  common::Counter& errors = metrics_.counter("jaeger_agent_thrift_udp_t_processor_handler_errors_total",
                                             "Number of UDP packets the agent could not decode",
                                             {{"model", o.model}, {"protocol", o.protocol}});
  Reporter& reporter = reporter_;
  return std::make_unique<UdpServer>(
      o,
      [protocol, &errors, &reporter](std::string_view packet) {
        PacketResult decoded = decode_agent_packet(packet, protocol);
        if (!decoded.ok()) {
          errors.inc();
          return;
        }
        reporter.emit_batch(std::move(decoded.spans),
                            decoded.kind == PacketKind::JaegerBatch ? "jaeger" : "zipkin");
      },
      metrics_);
}

void Agent::start() {
  try {
    compact_ = make_udp(options_.jaeger_compact, true);
    binary_ = make_udp(options_.jaeger_binary, false);
    zipkin_ = make_udp(options_.zipkin_compact, true);
    for (auto* s : {compact_.get(), binary_.get(), zipkin_.get()})
      if (s) s->start();
    if (!options_.http_host_port.empty()) {
      common::HttpRouter router;
      sampling::SamplingRoutes routes;
      routes.legacy_root = true;
      routes.metrics = &metrics_;
      routes.metrics_prefix = "jaeger_agent";
      sampling::add_sampling_routes(router, sampling_, routes);
      common::HttpServerOptions http;
      http.host_port = options_.http_host_port;
      http.name = "agent-http";
      http_ = std::make_unique<common::HttpServer>(http, router.as_handler());
      http_->start();
    }
  } catch (...) {
    stop();
    throw;
  }
}

void Agent::stop() {
  for (auto* s : {compact_.get(), binary_.get(), zipkin_.get()})
    if (s) s->stop();
  if (http_) http_->stop();
}

std::map<std::string, uint16_t> Agent::ports() const {
  std::map<std::string, uint16_t> p;
  if (compact_) p["agent_compact"] = compact_->port();
  if (binary_) p["agent_binary"] = binary_->port();
  if (zipkin_) p["agent_zipkin_compact"] = zipkin_->port();
  if (http_) p["agent_http"] = http_->port();
  return p;
}

}  // namespace peregrine::agent
