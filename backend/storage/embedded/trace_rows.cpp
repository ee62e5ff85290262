// Trace row readers.
#include "backend/storage/embedded/trace_rows.hpp"

#include <rocksdb/db.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "backend/storage/embedded/key_layout.hpp"
#include "backend/storage/embedded/row_value.hpp"
#include "backend/storage/embedded/span_record.hpp"
#include "backend/storage/span_writer.hpp"

namespace peregrine::storage::embedded {

namespace {

// Visits the live rows of one trace in key order until `visit` returns false.
template <typename Visit>
void for_each_live_row(rocksdb::DB& db, const rocksdb::Snapshot* snapshot, const model::TraceID& trace,
                       int64_t now_us, Visit visit) {
  const std::string prefix = keys::trace_prefix(trace);
  const std::string end = keys::prefix_successor(prefix);
  rocksdb::Slice end_slice(end);
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  ro.prefix_same_as_start = true;  // lets the trace-prefix Bloom filters skip files without this trace
  ro.iterate_upper_bound = &end_slice;
  std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(ro));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    rocksdb::Slice key = it->key();
    rocksdb::Slice value = it->value();
    std::string_view v(value.data(), value.size());
    if (!is_live(v, now_us)) continue;
    auto parsed = keys::parse_span_key(std::string_view(key.data(), key.size()));
    if (!parsed) continue;
    if (!visit(*parsed, v.substr(kExpirySize))) return;
  }
  if (!it->status().ok()) throw StorageError("embedded storage trace read failed: " + it->status().ToString());
}

}  // namespace

std::vector<model::Span> load_trace_spans(rocksdb::DB& db, const rocksdb::Snapshot* snapshot,
                                          const model::TraceID& trace, int64_t now_us) {
  std::vector<model::Span> spans;
  ProcessPool processes;
  for_each_live_row(db, snapshot, trace, now_us, [&](const keys::SpanKey& key, std::string_view record) {
    try {
      spans.push_back(decode_span_record(key, record, processes));
    } catch (const CorruptRow& e) {
      spdlog::warn("embedded storage: skipping unreadable span {} of trace {}: {}", model::span_id_to_hex(key.span),
                   key.trace.to_hex(), e.what());
    }
    return true;
  });
  return spans;
}

std::optional<int64_t> load_trace_start(rocksdb::DB& db, const rocksdb::Snapshot* snapshot,
                                        const model::TraceID& trace, int64_t now_us) {
  std::optional<int64_t> start;
  for_each_live_row(db, snapshot, trace, now_us, [&](const keys::SpanKey& key, std::string_view) {
    start = key.start_us;
    return false;
  });
  return start;
}

}  // namespace peregrine::storage::embedded
