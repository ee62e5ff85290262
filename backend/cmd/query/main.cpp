// peregrine-query: the Jaeger query API (HTTP v1 + v3) and web UI over a storage backend. Admin on 16687.
#include "backend/runtime/binary_main.hpp"
#include "backend/runtime/query_runtime.hpp"
#include "backend/runtime/storage_flags.hpp"

using namespace peregrine;

int main(int argc, char** argv) {
  runtime::BinarySpec spec;
  spec.name = "peregrine-query";
  spec.admin_host_port = ":16687";
  spec.define_flags = [](common::Config& cfg) {
    runtime::define_storage_type_flags(cfg);
    runtime::define_query_runtime_flags(cfg);
  };
  spec.build = [](const common::Config& cfg, common::MetricsRegistry& metrics) {
    auto storage = runtime::make_configured_storage(cfg);
    std::vector<std::unique_ptr<runtime::Component>> c;
    c.push_back(std::make_unique<runtime::QueryRuntime>(cfg, storage.reader, storage.dependencies, metrics,
                                                         storage.archive));
    return c;
  };
  return runtime::run_binary(argc, argv, spec);
}
