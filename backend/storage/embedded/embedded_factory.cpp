// Embedded storage bundle construction (see embedded_factory.hpp).
#include "backend/storage/embedded/embedded_factory.hpp"

#include "backend/common/config.hpp"
#include "backend/storage/embedded/embedded_options.hpp"
#include "backend/storage/embedded/embedded_store.hpp"

namespace peregrine::storage {

void define_embedded_flags(common::Config& cfg) { embedded::define_badger_flags(cfg); }

StorageBundle make_embedded_storage(const common::Config& cfg, common::MetricsRegistry& metrics) {
  auto store = std::make_shared<embedded::EmbeddedStore>(embedded::embedded_options_from_config(cfg),
                                                         embedded::system_now_us, &metrics);
  return StorageBundle{store, store, store};
}

StorageBundle make_embedded_storage(const common::Config& cfg) {
  return make_embedded_storage(cfg, common::MetricsRegistry::global());
}

}  // namespace peregrine::storage
