// RocksDB hooks that implement badger.span-store-ttl (every value starts with its expiry, row_value.hpp):
//  * ExpiredRowFilter — a compaction filter dropping rows whose expiry has passed, so space is reclaimed as
//    RocksDB compacts (periodic_compaction_seconds = TTL makes sure every file is revisited);
//  * MaxExpiryCollector — records the latest expiry in each SST file as a table property, so maintenance can
//    find files holding nothing live and compact them away (expired_files.hpp) without scanning them.
// Readers never rely on either: every read skips expired rows itself.
#pragma once
#include <rocksdb/compaction_filter.h>
#include <rocksdb/table_properties.h>

#include <memory>
#include <optional>

#include "backend/storage/embedded/clock.hpp"

namespace peregrine::storage::embedded {

// Table property holding the largest expiry (decimal µs) of the file's rows.
inline constexpr const char* kMaxExpiryProperty = "peregrine.max-expiry-us";

class ExpiredRowFilter final : public rocksdb::CompactionFilter {
 public:
  explicit ExpiredRowFilter(Clock clock) : clock_(std::move(clock)) {}
  bool Filter(int level, const rocksdb::Slice& key, const rocksdb::Slice& existing_value, std::string* new_value,
              bool* value_changed) const override;
  const char* Name() const override { return "peregrine.ExpiredRowFilter"; }

 private:
  Clock clock_;
};

class MaxExpiryCollectorFactory final : public rocksdb::TablePropertiesCollectorFactory {
 public:
  rocksdb::TablePropertiesCollector* CreateTablePropertiesCollector(
      rocksdb::TablePropertiesCollectorFactory::Context context) override;
  const char* Name() const override { return "peregrine.MaxExpiryCollector"; }
};

// The file's max expiry from its table properties; nullopt when the file predates the collector or the
// property is unreadable (such files are never treated as expired).
std::optional<int64_t> max_expiry_of(const rocksdb::TableProperties& props);

}  // namespace peregrine::storage::embedded
