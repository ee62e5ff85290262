// Entry points of the embedded storage for the storage factory (SPAN_STORAGE_TYPE=badger): the badger.* flag
// declarations and the writer/reader bundle sharing one EmbeddedStore.
#pragma once
#include "backend/common/metrics.hpp"
#include "backend/storage/storage_factory.hpp"

namespace peregrine::common {
class Config;
}

namespace peregrine::storage {

// Declares Jaeger's badger.* flags (names and defaults; see embedded/embedded_options.hpp for their meaning).
void define_embedded_flags(common::Config& cfg);

// Opens the store from the badger.* flags; gauges go to MetricsRegistry::global(). Throws
// std::invalid_argument for invalid options and std::runtime_error when the database cannot be opened.
StorageBundle make_embedded_storage(const common::Config& cfg);
StorageBundle make_embedded_storage(const common::Config& cfg, common::MetricsRegistry& metrics);

}  // namespace peregrine::storage
