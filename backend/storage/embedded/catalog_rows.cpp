// Catalog reads and the write-side refresh bookkeeping.
#include "backend/storage/embedded/catalog_rows.hpp"

#include <rocksdb/db.h>

#include <algorithm>
#include <memory>
#include <tuple>

#include "backend/storage/embedded/key_layout.hpp"
#include "backend/storage/embedded/row_value.hpp"
#include "backend/storage/span_writer.hpp"

namespace peregrine::storage::embedded {

namespace {

std::vector<keys::CatalogKey> read_catalog(rocksdb::DB& db, const std::string& prefix, int64_t now_us) {
  const std::string end = keys::prefix_successor(prefix);
  rocksdb::Slice end_slice(end);
  rocksdb::ReadOptions ro;
  ro.total_order_seek = true;
  ro.iterate_upper_bound = &end_slice;
  std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(ro));
  std::vector<keys::CatalogKey> out;
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    rocksdb::Slice value = it->value();
    if (!is_live(std::string_view(value.data(), value.size()), now_us)) continue;
    rocksdb::Slice key = it->key();
    if (auto k = keys::parse_catalog_key(std::string_view(key.data(), key.size()))) out.push_back(std::move(*k));
  }
  if (!it->status().ok()) throw StorageError("embedded storage catalog read failed: " + it->status().ToString());
  return out;
}

}  // namespace

std::vector<std::string> read_services(rocksdb::DB& db, int64_t now_us) {
  std::vector<std::string> services;
  for (auto& k : read_catalog(db, keys::catalog_prefix(), now_us)) services.push_back(std::move(k.service));
  std::sort(services.begin(), services.end());
  services.erase(std::unique(services.begin(), services.end()), services.end());
  return services;
}

std::vector<Operation> read_operations(rocksdb::DB& db, const OperationQuery& q, int64_t now_us) {
  std::vector<Operation> ops;
  for (auto& k : read_catalog(db, keys::catalog_service_prefix(q.service), now_us)) {
    if (!q.span_kind.empty() && k.span_kind != q.span_kind) continue;
    ops.push_back(Operation{std::move(k.operation), std::move(k.span_kind)});
  }
  std::sort(ops.begin(), ops.end(),
            [](const Operation& a, const Operation& b) { return std::tie(a.name, a.span_kind) < std::tie(b.name, b.span_kind); });
  return ops;
}

bool CatalogRefresh::due(const std::string& key, int64_t now_us) const {
  std::lock_guard lock(mu_);
  auto it = expiry_by_key_.find(key);
  return it == expiry_by_key_.end() || it->second < now_us + ttl_us_;
}

void CatalogRefresh::written(const std::string& key, int64_t expiry_us) {
  std::lock_guard lock(mu_);
  int64_t& stored = expiry_by_key_[key];
  stored = std::max(stored, expiry_us);
}

}  // namespace peregrine::storage::embedded
