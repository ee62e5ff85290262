// RocksDatabase: options, open, close.
#include "backend/storage/embedded/rocks_database.hpp"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>
#include <system_error>

#include "backend/storage/embedded/expiry_hooks.hpp"
#include "backend/storage/embedded/format_marker.hpp"
#include "backend/storage/embedded/index_term_extractor.hpp"
#include "backend/storage/embedded/trace_prefix_extractor.hpp"

namespace peregrine::storage::embedded {

namespace {

constexpr size_t kBlockCacheBytes = 32 << 20;
constexpr uint64_t kMinPeriodicCompactionSeconds = 3600;

rocksdb::Options database_options(const DatabaseSettings& settings, rocksdb::CompactionFilter* filter) {
  rocksdb::Options o;
  o.create_if_missing = !settings.read_only;
  o.compression = rocksdb::kLZ4Compression;
  o.bottommost_compression = rocksdb::kZSTD;
  o.level_compaction_dynamic_level_bytes = true;
  o.max_write_buffer_number = 4;  // absorb write bursts while a flush runs instead of stalling writers
  // Memtable inserts dominate write cost. Each index row is inserted from the skip-list position remembered
  // for its term (IndexTermExtractor); such hints need the write group's leader to insert every batch of the
  // group itself (no concurrent memtable writes), which on two cores costs less than it saves.
  o.allow_concurrent_memtable_write = false;
  o.memtable_insert_with_hint_prefix_extractor = std::make_shared<IndexTermExtractor>();
  o.compaction_filter = filter;
  o.table_properties_collector_factories.push_back(std::make_shared<MaxExpiryCollectorFactory>());
  o.prefix_extractor = std::make_shared<TracePrefixExtractor>();
  // Revisit every file at least once per TTL so the filter drops expired rows even in files RocksDB would
  // otherwise leave alone.
  const auto ttl_seconds = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(settings.ttl).count());
  o.periodic_compaction_seconds = std::max(ttl_seconds, kMinPeriodicCompactionSeconds);
  o.wal_recovery_mode = settings.truncate ? rocksdb::WALRecoveryMode::kPointInTimeRecovery
                                          : rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  o.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  o.keep_log_file_num = 3;

  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(kBlockCacheBytes);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.whole_key_filtering = false;  // reads are prefix seeks, never point lookups
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return o;
}

bool holds_badger_files(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return false;
  if (std::filesystem::exists(dir / "CURRENT", ec)) return false;  // already a RocksDB database
  if (std::filesystem::exists(dir / "KEYREGISTRY", ec) || std::filesystem::exists(dir / "MANIFEST", ec)) return true;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".vlog") return true;
  }
  return false;
}

}  // namespace

std::filesystem::path database_directory_for(const std::filesystem::path& configured) {
  if (!holds_badger_files(configured)) return configured;
  auto sub = configured / "peregrine-rocksdb";
  spdlog::warn("{} holds Jaeger Badger files, which Peregrine cannot read; its embedded store lives in {}",
               configured.string(), sub.string());
  return sub;
}

RocksDatabase::RocksDatabase(const std::filesystem::path& directory, const DatabaseSettings& settings)
    : directory_(directory),
      read_only_(settings.read_only),
      filter_(std::make_unique<ExpiredRowFilter>(settings.clock)) {
  if (!settings.read_only) {
    std::error_code ec;
    const bool created = std::filesystem::create_directories(directory_, ec);
    if (ec) {
      throw std::runtime_error("cannot create embedded storage directory " + directory_.string() + ": " +
                               ec.message());
    }
    // Like Jaeger, a directory we create is private to the user (0700); existing ones are left as they are.
    if (created) {
      std::filesystem::permissions(directory_, std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::replace, ec);
    }
  }
  check_or_write_format(directory_, settings.read_only);
  rocksdb::Options options = database_options(settings, filter_.get());
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = settings.read_only ? rocksdb::DB::OpenForReadOnly(options, directory_.string(), &raw)
                                         : rocksdb::DB::Open(options, directory_.string(), &raw);
  if (!s.ok()) {
    throw std::runtime_error("cannot open embedded storage in " + directory_.string() + ": " + s.ToString());
  }
  db_.reset(raw);
}

RocksDatabase::~RocksDatabase() {
  if (!db_) return;
  if (!read_only_) {
    // Writes were acknowledged once in the write-ahead log (in the OS page cache); on a clean shutdown make
    // them durable against power loss too.
    rocksdb::Status synced = db_->FlushWAL(true);
    if (!synced.ok()) spdlog::warn("syncing embedded storage log in {}: {}", directory_.string(), synced.ToString());
  }
  rocksdb::Status s = db_->Close();
  if (!s.ok()) spdlog::warn("closing embedded storage in {}: {}", directory_.string(), s.ToString());
  db_.reset();
}

}  // namespace peregrine::storage::embedded
