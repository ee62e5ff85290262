// ArchiveStorage: the reader/writer pair of Jaeger's trace archive (POST /api/archive/{traceID} copies a trace
// into it; GET /api/traces/{traceID} falls back to it). Both are null when the storage has no archive (badger,
// or elasticsearch/opensearch without --es-archive.enabled).
#pragma once
#include <memory>

#include "backend/storage/span_reader.hpp"
#include "backend/storage/span_writer.hpp"

namespace peregrine::storage {

struct ArchiveStorage {
  std::shared_ptr<SpanReader> reader;
  std::shared_ptr<SpanWriter> writer;

  bool available() const { return reader && writer; }
};

}  // namespace peregrine::storage
