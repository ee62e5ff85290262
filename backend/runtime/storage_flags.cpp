// SPAN_STORAGE_TYPE handling.
#include "backend/runtime/storage_flags.hpp"

namespace peregrine::runtime {

void define_storage_type_flags(common::Config& cfg) {
  // Jaeger reads SPAN_STORAGE_TYPE from the environment only; the flag form is accepted as a convenience.
  cfg.define("span-storage.type", "memory", "The type of span storage (env SPAN_STORAGE_TYPE): memory, badger (embedded, RocksDB), elasticsearch, opensearch");
  storage::define_storage_flags(cfg);
}

storage::StorageBundle make_configured_storage(const common::Config& cfg, bool with_archive) {
  std::string type = cfg.get("span-storage.type");
  if (type.empty()) type = "memory";
  return storage::make_storage(type, cfg, with_archive);
}

}  // namespace peregrine::runtime
