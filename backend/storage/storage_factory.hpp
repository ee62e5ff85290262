// Storage factory: builds the writer/readers for SPAN_STORAGE_TYPE (memory, badger, elasticsearch, opensearch) and
// the archive storage where the backend has one (memory: a second in-memory store; elasticsearch/opensearch: the
// es-archive.* cluster when --es-archive.enabled; badger: none, as in Jaeger).
#pragma once
#include <memory>
#include <string>

#include "backend/storage/archive_storage.hpp"
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
  ArchiveStorage archive = {};  // empty when the backend has no archive
};

// Reads the backend's flags from cfg. Throws std::invalid_argument for an unknown type. `with_archive`: build the
// archive too (the query side needs it; a collector only writes spans and leaves it out).
StorageBundle make_storage(const std::string& type, const common::Config& cfg, bool with_archive = true);

// Declares every storage backend's flags (memory.max-traces, ...) with Jaeger's names and defaults.
void define_storage_flags(common::Config& cfg);

}  // namespace peregrine::storage
