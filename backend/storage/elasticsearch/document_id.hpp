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

// 128-bit non-cryptographic hash (four 64-bit accumulators over 32-byte stripes, two finalizations).
struct Hash128 {
  uint64_t hi = 0;
  uint64_t lo = 0;
};
Hash128 hash128(std::string_view data);

// 32 lowercase hex digits of hash128(document).
std::string document_id(std::string_view document);
// Same, written into out32[0..31] (lets the writer fill the id in place in an already rendered bulk line).
void write_document_id(std::string_view document, char* out32);

}  // namespace peregrine::storage::elasticsearch
