// badger.* flag declarations and EmbeddedOptions parsing.
#include "backend/storage/embedded/embedded_options.hpp"

#include <stdexcept>
#include <system_error>

#include "backend/common/config.hpp"

namespace peregrine::storage::embedded {

namespace {

constexpr const char* kEphemeral = "badger.ephemeral";
constexpr const char* kTtl = "badger.span-store-ttl";
constexpr const char* kKeyDir = "badger.directory-key";
constexpr const char* kValueDir = "badger.directory-value";
constexpr const char* kConsistency = "badger.consistency";
constexpr const char* kMaintenance = "badger.maintenance-interval";
constexpr const char* kMetrics = "badger.metrics-update-interval";
constexpr const char* kReadOnly = "badger.read-only";
constexpr const char* kTruncate = "badger.truncate";

}  // namespace

std::filesystem::path default_data_root() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::filesystem::path dir = ec ? std::filesystem::current_path(ec) : exe.parent_path();
  return dir / "data";
}

void define_badger_flags(common::Config& cfg) {
  const std::filesystem::path root = default_data_root();
  cfg.define(kEphemeral, "true",
             "Keep the embedded store in a temporary directory that is deleted on shutdown (the directories are "
             "then ignored)");
  cfg.define(kTtl, "72h0m0s", "How long spans are kept after they were written (Go duration)");
  cfg.define(kKeyDir, (root / "keys").string(),
             "Directory of the embedded store when badger.directory-value is not set (Peregrine keeps keys and "
             "values in one RocksDB directory); needs badger.ephemeral=false");
  cfg.define(kValueDir, (root / "values").string(),
             "Directory of the embedded store (RocksDB); needs badger.ephemeral=false");
  cfg.define(kConsistency, "false", "Sync every write to disk before acknowledging it (slower writes)");
  cfg.define(kMaintenance, "5m0s",
             "How often maintenance runs: compacts away files holding only expired spans and updates the disk "
             "space gauges (Go duration)");
  cfg.define(kMetrics, "10s", "How often the embedded store's size metrics are updated (Go duration)");
  cfg.define(kReadOnly, "false",
             "Open the embedded store read-only; several processes may open the same directory this way");
  cfg.define(kTruncate, "false",
             "On restart, discard a write-ahead log tail that cannot be replayed (the last writes may be lost) "
             "instead of failing to open");
}

EmbeddedOptions embedded_options_from_config(const common::Config& cfg) {
  EmbeddedOptions o;
  o.ephemeral = cfg.get_bool(kEphemeral);
  o.span_store_ttl = std::chrono::duration_cast<std::chrono::microseconds>(cfg.get_duration(kTtl));
  if (o.span_store_ttl.count() <= 0) throw std::invalid_argument("badger.span-store-ttl must be positive");
  const bool value_set = cfg.is_set(kValueDir);
  const bool key_only = cfg.is_set(kKeyDir) && !value_set;
  o.directory = key_only ? cfg.get(kKeyDir) : cfg.get(kValueDir);
  if (!o.ephemeral && o.directory.empty()) {
    throw std::invalid_argument("badger.directory-value must not be empty when badger.ephemeral=false");
  }
  o.sync_writes = cfg.get_bool(kConsistency);
  o.maintenance_interval = cfg.get_duration(kMaintenance);
  o.metrics_update_interval = cfg.get_duration(kMetrics);
  o.read_only = cfg.get_bool(kReadOnly);
  o.truncate = cfg.get_bool(kTruncate);
  return o;
}

}  // namespace peregrine::storage::embedded
