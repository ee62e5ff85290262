// EmbeddedAgentRuntime: the agent's UDP ports (6831, 6832, 5775) and sampling HTTP port (5778) inside the
// all-in-one, feeding the collector's queue directly and answering sampling from the collector's provider.
#pragma once
#include <memory>

#include "backend/common/config.hpp"
#include "backend/runtime/binary_main.hpp"
#include "backend/runtime/collector_runtime.hpp"

namespace peregrine::agent {
class Agent;
class SinkReporter;
}  // namespace peregrine::agent

namespace peregrine::runtime {

void define_embedded_agent_flags(common::Config& cfg);

class EmbeddedAgentRuntime : public Component {
 public:
  EmbeddedAgentRuntime(const common::Config& cfg, CollectorRuntime& collector, common::MetricsRegistry& metrics);
  ~EmbeddedAgentRuntime() override;
  void start() override;
  size_t stop() override;
  std::map<std::string, uint16_t> ports() const override;

 private:
  std::unique_ptr<agent::SinkReporter> reporter_;
  std::unique_ptr<agent::Agent> agent_;
};

}  // namespace peregrine::runtime
