// IndexTermExtractor implementation.
#include "backend/storage/embedded/index_term_extractor.hpp"

#include "backend/storage/embedded/key_layout.hpp"

namespace peregrine::storage::embedded {

rocksdb::Slice IndexTermExtractor::Transform(const rocksdb::Slice& key) const {
  return rocksdb::Slice(key.data(), key.size() - keys::kIndexSuffixSize);
}

bool IndexTermExtractor::InDomain(const rocksdb::Slice& key) const {
  if (key.size() <= keys::kIndexSuffixSize) return false;
  const char kind = key[0];
  return kind == keys::kService || kind == keys::kOperation || kind == keys::kTag;
}

}  // namespace peregrine::storage::embedded
