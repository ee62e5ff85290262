// Index scans over RocksDB iterators.
#include "backend/storage/embedded/index_scan.hpp"

#include <rocksdb/db.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "backend/storage/embedded/byte_order.hpp"
#include "backend/storage/embedded/row_value.hpp"
#include "backend/storage/span_writer.hpp"

namespace peregrine::storage::embedded {

namespace {

// Bounded iterator over [range.begin, range.end).
struct BoundedIterator {
  std::string end;
  rocksdb::Slice end_slice;
  std::unique_ptr<rocksdb::Iterator> it;

  BoundedIterator(rocksdb::DB& db, const rocksdb::Snapshot* snapshot, const keys::KeyRange& range)
      : end(range.end), end_slice(end) {
    rocksdb::ReadOptions ro;
    ro.snapshot = snapshot;
    ro.total_order_seek = true;  // index keys are outside the trace prefix extractor's domain
    if (!end.empty()) ro.iterate_upper_bound = &end_slice;
    it.reset(db.NewIterator(ro));
    it->Seek(range.begin);
  }
  BoundedIterator(const BoundedIterator&) = delete;
  BoundedIterator& operator=(const BoundedIterator&) = delete;

  void check() const {
    if (!it->status().ok()) throw StorageError("embedded storage index scan failed: " + it->status().ToString());
  }
};

// The row's start and trace when it is live and lists a span satisfying `criteria`; nullopt otherwise
// (malformed rows are logged and skipped).
std::optional<IndexHit> read_hit(const rocksdb::Slice& key, const rocksdb::Slice& value, int64_t now_us,
                                 const EntryCriteria& criteria) {
  const std::string_view v(value.data(), value.size());
  if (!is_live(v, now_us) || key.size() < keys::kIndexSuffixSize) return std::nullopt;
  auto suffix = keys::parse_index_suffix(std::string_view(key.data() + key.size() - keys::kIndexSuffixSize,
                                                          keys::kIndexSuffixSize));
  if (!suffix) return std::nullopt;
  try {
    if (!any_entry_matches(v, suffix->row_start_us, criteria)) return std::nullopt;
  } catch (const CorruptRow& e) {
    spdlog::warn("embedded storage: skipping unreadable index row of trace {}: {}", suffix->trace.to_hex(), e.what());
    return std::nullopt;
  }
  return IndexHit{suffix->row_start_us, suffix->trace};
}

// Heap order: the newest start on top (ties: smaller trace id first, for a deterministic order).
bool older(const IndexHit& a, const IndexHit& b) {
  if (a.row_start_us != b.row_start_us) return a.row_start_us < b.row_start_us;
  return b.trace < a.trace;
}

}  // namespace

struct TimeOrderedScan::Cursor {
  BoundedIterator iter;
  IndexHit current;
  Cursor(rocksdb::DB& db, const rocksdb::Snapshot* snapshot, const keys::KeyRange& range)
      : iter(db, snapshot, range) {}
};

TimeOrderedScan::TimeOrderedScan(rocksdb::DB& db, const rocksdb::Snapshot* snapshot,
                                 const std::vector<keys::KeyRange>& ranges, int64_t now_us,
                                 const EntryCriteria& criteria)
    : now_us_(now_us), criteria_(criteria) {
  cursors_.reserve(ranges.size());
  for (const auto& range : ranges) {
    if (range.empty()) continue;
    cursors_.push_back(std::make_unique<Cursor>(db, snapshot, range));
    Cursor& c = *cursors_.back();
    if (settle(c)) heap_.push_back(&c);
  }
  std::make_heap(heap_.begin(), heap_.end(), [](const Cursor* a, const Cursor* b) { return older(a->current, b->current); });
}

TimeOrderedScan::~TimeOrderedScan() = default;

bool TimeOrderedScan::settle(Cursor& c) {
  auto& it = *c.iter.it;
  for (; it.Valid(); it.Next()) {
    if (auto hit = read_hit(it.key(), it.value(), now_us_, criteria_)) {
      c.current = *hit;
      return true;
    }
  }
  c.iter.check();
  return false;
}

std::optional<IndexHit> TimeOrderedScan::next() {
  if (heap_.empty()) return std::nullopt;
  auto cursor_older = [](const Cursor* a, const Cursor* b) { return older(a->current, b->current); };
  std::pop_heap(heap_.begin(), heap_.end(), cursor_older);
  Cursor* c = heap_.back();
  IndexHit hit = c->current;
  c->iter.it->Next();
  if (settle(*c)) {
    std::push_heap(heap_.begin(), heap_.end(), cursor_older);
  } else {
    heap_.pop_back();
  }
  return hit;
}

}  // namespace peregrine::storage::embedded
