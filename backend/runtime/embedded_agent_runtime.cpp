// EmbeddedAgentRuntime wiring.
#include "backend/runtime/embedded_agent_runtime.hpp"

#include "backend/agent/agent.hpp"
#include "backend/agent/sink_reporter.hpp"

namespace peregrine::runtime {

void define_embedded_agent_flags(common::Config& cfg) { agent::define_agent_flags(cfg); }

EmbeddedAgentRuntime::EmbeddedAgentRuntime(const common::Config& cfg, CollectorRuntime& collector,
                                           common::MetricsRegistry& metrics)
    : reporter_(std::make_unique<agent::SinkReporter>(collector.sink(), metrics)),
      agent_(std::make_unique<agent::Agent>(agent::agent_options_from_config(cfg), *reporter_, collector.sampling(),
                                            metrics)) {}

EmbeddedAgentRuntime::~EmbeddedAgentRuntime() { stop(); }

void EmbeddedAgentRuntime::start() { agent_->start(); }

size_t EmbeddedAgentRuntime::stop() {
  if (agent_) agent_->stop();
  return 0;
}

std::map<std::string, uint16_t> EmbeddedAgentRuntime::ports() const { return agent_->ports(); }

}  // namespace peregrine::runtime
