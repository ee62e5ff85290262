// Content-derived document ids for span documents. Jaeger lets Elasticsearch generate ids, so a bulk request
// that is retried after a lost response duplicates spans. Peregrine sends the hash of the document itself as
// _id instead: resending the same span overwrites its own copy, which makes every retry (inside the bulk writer,
// or of a whole batch by the collector queue) idempotent. Readers never look at _id, so Jaeger and Peregrine
// still read each other's indices.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace peregrine::storage::elasticsearch {

// 128-bit non-cryptographic hash (two independently seeded 64-bit lanes over 8-byte words).
struct Hash128 {
  uint64_t hi = 0;
  uint64_t lo = 0;
};
Hash128 hash128(std::string_view data);

// 32 lowercase hex digits of hash128(document).
std::string document_id(std::string_view document);

}  // namespace peregrine::storage::elasticsearch
