// TracePrefixExtractor implementation.
#include "backend/storage/embedded/trace_prefix_extractor.hpp"

#include "backend/storage/embedded/key_layout.hpp"

namespace peregrine::storage::embedded {

rocksdb::Slice TracePrefixExtractor::Transform(const rocksdb::Slice& key) const {
  return rocksdb::Slice(key.data(), keys::kTracePrefixSize);
}

bool TracePrefixExtractor::InDomain(const rocksdb::Slice& key) const {
  return key.size() >= keys::kTracePrefixSize && key[0] == keys::kTrace;
}

}  // namespace peregrine::storage::embedded
