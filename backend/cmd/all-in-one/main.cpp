// peregrine-all-in-one: collector + agent ports + query + UI in one process sharing one storage (memory by default).
#include "backend/runtime/binary_main.hpp"
#include "backend/runtime/collector_runtime.hpp"
#include "backend/runtime/embedded_agent_runtime.hpp"
#include "backend/runtime/query_runtime.hpp"
#include "backend/runtime/storage_flags.hpp"

using namespace peregrine;

int main(int argc, char** argv) {
  runtime::BinarySpec spec;
  spec.name = "peregrine-all-in-one";
  spec.admin_host_port = ":14269";
  spec.define_flags = [](common::Config& cfg) {
    // Like Jaeger's all-in-one image: sample everything unless a strategies file says otherwise.
    cfg.define("sampling.default-sampling-probability", "1",
               "Sampling probability used when no strategies file is given (all-in-one default: 1)");
    runtime::define_storage_type_flags(cfg);
    runtime::define_collector_flags(cfg);
    runtime::define_embedded_agent_flags(cfg);
    runtime::define_query_runtime_flags(cfg);
  };
  spec.build = [](const common::Config& cfg, common::MetricsRegistry& metrics) {
    auto storage = runtime::make_configured_storage(cfg);
    std::vector<std::unique_ptr<runtime::Component>> c;
    auto collector = std::make_unique<runtime::CollectorRuntime>(cfg, storage.writer, metrics);
    auto agent = std::make_unique<runtime::EmbeddedAgentRuntime>(cfg, *collector, metrics);
    c.push_back(std::move(collector));
    c.push_back(std::move(agent));
    c.push_back(std::make_unique<runtime::QueryRuntime>(cfg, storage.reader, storage.dependencies, metrics,
                                                         storage.archive));
    return c;
  };
  return runtime::run_binary(argc, argv, spec);
}
