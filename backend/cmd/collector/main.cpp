// peregrine-collector: receivers → bounded queue → storage. Admin on 14269.
#include "backend/runtime/binary_main.hpp"
#include "backend/runtime/collector_runtime.hpp"
#include "backend/runtime/storage_flags.hpp"

using namespace peregrine;

int main(int argc, char** argv) {
  runtime::BinarySpec spec;
  spec.name = "peregrine-collector";
  spec.admin_host_port = ":14269";
  spec.define_flags = [](common::Config& cfg) {
    runtime::define_storage_type_flags(cfg);
    runtime::define_collector_flags(cfg);
  };
  spec.build = [](const common::Config& cfg, common::MetricsRegistry& metrics) {
    auto storage = runtime::make_configured_storage(cfg, /*with_archive=*/false);
    std::vector<std::unique_ptr<runtime::Component>> c;
    c.push_back(std::make_unique<runtime::CollectorRuntime>(cfg, storage.writer, metrics));
    return c;
  };
  return runtime::run_binary(argc, argv, spec);
}
