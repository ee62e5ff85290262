// RocksDB prefix extractor that names an index row's term: the key without its fixed-size suffix (row start,
// trace id, write id; key_layout.hpp). Used as the memtable insert hint: each write puts a new row of a term
// next to the previous one (time-ordered, newest first), so RocksDB inserts it from the position it remembers
// for that term instead of searching its memtable skip list from the top. Span and catalog keys are outside
// its domain.
#pragma once
#include <rocksdb/slice_transform.h>

namespace peregrine::storage::embedded {

class IndexTermExtractor final : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "peregrine.IndexTerm.v1"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override;
  bool InDomain(const rocksdb::Slice& key) const override;
};

}  // namespace peregrine::storage::embedded
