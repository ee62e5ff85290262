// peregrine-agent: Jaeger agent. UDP 6831/6832/5775 → gRPC PostSpans to --reporter.grpc.host-port; sampling
// HTTP on 5778 answered by the collector's SamplingManager; admin (health, metrics) on 14271.
#include <memory>

#include "backend/agent/agent.hpp"
#include "backend/agent/collector_channels.hpp"
#include "backend/agent/grpc_reporter.hpp"
#include "backend/agent/grpc_strategy_provider.hpp"
#include "backend/agent/reporter_flags.hpp"
#include "backend/runtime/binary_main.hpp"

using namespace peregrine;

namespace {

// The agent with its gRPC reporter and collector-backed sampling, as one runtime component.
class AgentComponent : public runtime::Component {
 public:
  AgentComponent(const common::Config& cfg, common::MetricsRegistry& metrics) {
    agent::ReporterSettings settings = agent::reporter_settings_from_config(cfg);
    auto channels = agent::make_collector_channels(settings.connection);
    reporter_ = std::make_unique<agent::GrpcReporter>(channels, settings.agent_tags, settings.reporter, metrics);
    sampling_ = std::make_unique<agent::GrpcStrategyProvider>(channels, metrics);
    agent_ = std::make_unique<agent::Agent>(agent::agent_options_from_config(cfg), *reporter_, *sampling_, metrics);
  }
  void start() override { agent_->start(); }
  size_t stop() override {
    agent_->stop();
    return 0;
  }
  std::map<std::string, uint16_t> ports() const override { return agent_->ports(); }

 private:
  std::unique_ptr<agent::GrpcReporter> reporter_;
  std::unique_ptr<agent::GrpcStrategyProvider> sampling_;
  std::unique_ptr<agent::Agent> agent_;
};

}  // namespace

int main(int argc, char** argv) {
  runtime::BinarySpec spec;
  spec.name = "peregrine-agent";
  spec.admin_host_port = ":14271";
  spec.define_flags = [](common::Config& cfg) {
    agent::define_agent_flags(cfg);
    agent::define_reporter_flags(cfg);
  };
  spec.build = [](const common::Config& cfg, common::MetricsRegistry& metrics) {
    std::vector<std::unique_ptr<runtime::Component>> c;
    c.push_back(std::make_unique<AgentComponent>(cfg, metrics));
    return c;
  };
  return runtime::run_binary(argc, argv, spec);
}
