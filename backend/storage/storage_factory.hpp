// Storage factory: builds the writer/readers for SPAN_STORAGE_TYPE (memory today; elasticsearch, opensearch and
// badger-style embedded storage plug in here).
#pragma once
#include <memory>
#include <string>

#include "backend/storage/span_reader.hpp"
#include "backend/storage/span_writer.hpp"

namespace peregrine::common {
class Config;
}

namespace peregrine::storage {

struct StorageBundle {
  std::shared_ptr<SpanWriter> writer;
  std::shared_ptr<SpanReader> reader;
  std::shared_ptr<DependencyReader> dependencies;
};

// Reads the backend's flags from cfg. Throws std::invalid_argument for an unknown type.
StorageBundle make_storage(const std::string& type, const common::Config& cfg);

// Declares every storage backend's flags (memory.max-traces, ...) with Jaeger's names and defaults.
void define_storage_flags(common::Config& cfg);

}  // namespace peregrine::storage
