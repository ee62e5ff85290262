// Trace row readers.
#include "backend/storage/embedded/trace_rows.hpp"

#include <rocksdb/db.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <tuple>

#include "backend/storage/embedded/key_layout.hpp"
#include "backend/storage/embedded/row_value.hpp"
#include "backend/storage/embedded/span_chunk.hpp"
#include "backend/storage/span_writer.hpp"

namespace peregrine::storage::embedded {

namespace {

bool starts_with(const rocksdb::Slice& key, const std::string& prefix) {
  return key.size() >= prefix.size() && std::memcmp(key.data(), prefix.data(), prefix.size()) == 0;
}

// Visits the live chunk rows of one trace in key order (chunk start, write id) until `visit` returns false.
template <typename Visit>
void for_each_live_chunk(rocksdb::DB& db, const rocksdb::Snapshot* snapshot, const model::TraceID& trace,
                         int64_t now_us, Visit visit) {
  const std::string prefix = keys::chunk_prefix(trace);
  const std::string end = keys::prefix_successor(prefix);
  rocksdb::Slice end_slice(end);
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  ro.prefix_same_as_start = true;  // lets the trace-prefix Bloom filters skip files without this trace
  ro.iterate_upper_bound = &end_slice;
  std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(ro));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    rocksdb::Slice value = it->value();
    std::string_view v(value.data(), value.size());
    if (!is_live(v, now_us)) continue;
    rocksdb::Slice key = it->key();
    auto parsed = keys::parse_chunk_key(std::string_view(key.data(), key.size()));
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
  for_each_live_chunk(db, snapshot, trace, now_us, [&](const keys::ChunkKey& key, std::string_view payload) {
    try {
      decode_span_chunk(payload, trace, key.chunk_start_us, processes, spans,
                        [&](model::SpanID span, const char* reason) {
                          spdlog::warn("embedded storage: skipping unreadable span {} of trace {}: {}",
                                       model::span_id_to_hex(span), trace.to_hex(), reason);
                        });
    } catch (const CorruptRow& e) {
      spdlog::warn("embedded storage: skipping the rest of an unreadable span chunk of trace {}: {}",
                   trace.to_hex(), e.what());
    }
    return true;
  });
  auto order = [](const model::Span& a, const model::Span& b) {
    return std::tie(a.start_time_us, a.span_id) < std::tie(b.start_time_us, b.span_id);
  };
  std::stable_sort(spans.begin(), spans.end(), order);
  spans.erase(std::unique(spans.begin(), spans.end(),
                          [](const model::Span& a, const model::Span& b) {
                            return a.start_time_us == b.start_time_us && a.span_id == b.span_id;
                          }),
              spans.end());
  return spans;
}

std::optional<int64_t> load_trace_start(rocksdb::DB& db, const rocksdb::Snapshot* snapshot,
                                        const model::TraceID& trace, int64_t now_us) {
  std::optional<int64_t> start;
  for_each_live_chunk(db, snapshot, trace, now_us, [&](const keys::ChunkKey& key, std::string_view) {
    start = key.chunk_start_us;
    return false;
  });
  return start;
}

StoredSpanKeys::StoredSpanKeys(rocksdb::DB& db) {
  rocksdb::ReadOptions ro;
  ro.prefix_same_as_start = true;  // each seek stays within one trace; Bloom filters skip other files
  it_.reset(db.NewIterator(ro));
}

StoredSpanKeys::~StoredSpanKeys() = default;

std::vector<std::pair<int64_t, model::SpanID>> StoredSpanKeys::of(const model::TraceID& trace, int64_t now_us) {
  std::vector<std::pair<int64_t, model::SpanID>> out;
  const std::string prefix = keys::span_keys_prefix(trace);
  for (it_->Seek(prefix); it_->Valid() && starts_with(it_->key(), prefix); it_->Next()) {
    rocksdb::Slice value = it_->value();
    std::string_view v(value.data(), value.size());
    if (!is_live(v, now_us)) continue;
    try {
      decode_span_keys(v.substr(kExpirySize),
                       [&](int64_t start, model::SpanID span) { out.emplace_back(start, span); });
    } catch (const CorruptRow& e) {
      spdlog::warn("embedded storage: unreadable span keys of trace {} (its spans may be stored again): {}",
                   trace.to_hex(), e.what());
    }
  }
  if (!it_->status().ok()) throw StorageError("embedded storage read before write failed: " + it_->status().ToString());
  return out;
}

}  // namespace peregrine::storage::embedded
