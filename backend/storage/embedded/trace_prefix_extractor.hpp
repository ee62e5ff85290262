// RocksDB prefix extractor for trace rows (span chunks and span keys): their first 17 bytes ('S' + trace id).
// With it, SST files carry Bloom filters over trace ids, so loading a trace — or checking, before a write,
// which of its spans are stored — skips files that hold none of its rows. Index and catalog keys are outside
// its domain (scans over them use total-order seeks).
#pragma once
#include <rocksdb/slice_transform.h>

namespace peregrine::storage::embedded {

class TracePrefixExtractor final : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "peregrine.TracePrefix.v1"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override;
  bool InDomain(const rocksdb::Slice& key) const override;
};

}  // namespace peregrine::storage::embedded
