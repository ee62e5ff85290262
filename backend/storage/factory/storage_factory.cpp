// Storage factory: SPAN_STORAGE_TYPE → writer/readers, and the storage flag declarations. Each backend's flags
// are read here so the binaries only deal with the StorageBundle.
#include "backend/storage/storage_factory.hpp"

#include <stdexcept>

#include "backend/common/config.hpp"
#include "backend/storage/elasticsearch/es_storage.hpp"
#include "backend/storage/embedded/embedded_factory.hpp"
#include "backend/storage/memory/memory_store.hpp"

namespace peregrine::storage {

namespace {

constexpr const char* kMaxTracesFlag = "memory.max-traces";

// Same order and wording as the error below prints them.
const char* const kSupportedTypes[] = {"memory", "badger", "elasticsearch", "opensearch"};

std::string supported_types_list() {
  std::string out = "[";
  bool first = true;
  for (const char* t : kSupportedTypes) {
    if (!first) out += " ";
    out += t;
    first = false;
  }
  return out + "]";
}

StorageBundle make_memory_storage(const common::Config& cfg, bool with_archive) {
  memory::MemoryStoreOptions options;
  options.max_traces = cfg.has(kMaxTracesFlag) ? cfg.get_int(kMaxTracesFlag) : 0;
  if (options.max_traces < 0) throw std::invalid_argument("memory.max-traces must not be negative");
  auto store = std::make_shared<memory::MemoryStore>(options);
  StorageBundle bundle{store, store, store};
  if (with_archive) {
    // The archive is a store of its own with the same bound, so archived traces outlive the primary's eviction.
    auto archive = std::make_shared<memory::MemoryStore>(options);
    bundle.archive = ArchiveStorage{archive, archive};
  }
  return bundle;
}

}  // namespace

StorageBundle make_storage(const std::string& type, const common::Config& cfg, bool with_archive) {
  if (type == "memory") return make_memory_storage(cfg, with_archive);
  if (type == "badger") return make_embedded_storage(cfg);  // Jaeger's embedded store name; RocksDB here (no archive)
  if (type == "elasticsearch" || type == "opensearch") return make_es_storage(cfg, with_archive);
  // Jaeger's wording: "unknown storage type X. Valid types are [...]".
  throw std::invalid_argument("unknown storage type " + type + ". Valid types are " + supported_types_list());
}

void define_storage_flags(common::Config& cfg) {
  cfg.define(kMaxTracesFlag, "0",
             "The maximum amount of traces to store in memory. The default number of traces is unbounded.");
  define_embedded_flags(cfg);
  define_es_flags(cfg);
}

}  // namespace peregrine::storage
