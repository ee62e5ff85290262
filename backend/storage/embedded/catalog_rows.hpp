// The services / operations catalog. Each (service, operation, span kind) seen is one catalog row whose expiry
// is pushed forward as spans keep arriving, so the lists shrink as data ages out (like Jaeger's badger
// storage, whose lists come from expiring index keys). Writers consult CatalogRefresh to rewrite a row only when
// its stored expiry would lapse before the spans being written: a row is written with expiry now + 1.1 × TTL
// and rewritten once less than one TTL remains, i.e. at most about once per TTL/10 per triple, and it always
// outlives the spans it describes.
#pragma once
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "backend/storage/span_reader.hpp"

namespace rocksdb {
class DB;
}

namespace peregrine::storage::embedded {

// Sorted, distinct services with a live catalog row.
std::vector<std::string> read_services(rocksdb::DB& db, int64_t now_us);
// The live operations of q.service (filtered by q.span_kind when set), sorted by (name, kind).
std::vector<Operation> read_operations(rocksdb::DB& db, const OperationQuery& q, int64_t now_us);

class CatalogRefresh {
 public:
  explicit CatalogRefresh(int64_t ttl_us) : ttl_us_(ttl_us) {}

  // Expiry to store in a catalog row written at now.
  int64_t row_expiry(int64_t now_us) const { return now_us + ttl_us_ + ttl_us_ / 10; }
  // True when the row for catalog key `key` must be (re)written at now (unknown, or expiring within a TTL).
  bool due(const std::string& key, int64_t now_us) const;
  // Records a successful write of `key` with `expiry_us`.
  void written(const std::string& key, int64_t expiry_us);

 private:
  int64_t ttl_us_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, int64_t> expiry_by_key_;
};

}  // namespace peregrine::storage::embedded
