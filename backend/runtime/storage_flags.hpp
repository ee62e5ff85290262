// Storage selection for binaries: SPAN_STORAGE_TYPE (env, or --span-storage.type) picks the backend, whose own
// flags are declared here too.
#pragma once
#include "backend/common/config.hpp"
#include "backend/storage/storage_factory.hpp"

namespace peregrine::runtime {

void define_storage_type_flags(common::Config& cfg);
// Builds the configured storage (with its archive unless `with_archive` is false: the collector only writes).
// Throws std::invalid_argument for an unknown type.
storage::StorageBundle make_configured_storage(const common::Config& cfg, bool with_archive = true);

}  // namespace peregrine::runtime
