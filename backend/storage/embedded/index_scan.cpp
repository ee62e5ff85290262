// Index scans over RocksDB iterators.
#include "backend/storage/embedded/index_scan.hpp"

#include <rocksdb/db.h>

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

// Parses a time-ordered index row. nullopt for expired or malformed rows.
std::optional<IndexHit> read_hit(const rocksdb::Slice& key, const rocksdb::Slice& value, int64_t now_us) {
  if (key.size() < keys::kIndexSuffixSize) return std::nullopt;
  auto suffix = keys::parse_index_suffix(std::string_view(key.data() + key.size() - keys::kIndexSuffixSize,
                                                          keys::kIndexSuffixSize));
  auto v = parse_index_value(std::string_view(value.data(), value.size()));
  if (!suffix || !v || v->expiry_us <= now_us) return std::nullopt;
  return IndexHit{suffix->start_us, suffix->trace, suffix->span, v->duration_us};
}

}  // namespace

struct TimeOrderedScan::Cursor {
  BoundedIterator iter;
  IndexHit current;
  Cursor(rocksdb::DB& db, const rocksdb::Snapshot* snapshot, const keys::KeyRange& range)
      : iter(db, snapshot, range) {}
};

namespace {

// Heap order: the newest start on top (ties: smaller trace id first, for a deterministic order).
bool older(const IndexHit& a, const IndexHit& b) {
  if (a.start_us != b.start_us) return a.start_us < b.start_us;
  return b.trace < a.trace;
}

}  // namespace

TimeOrderedScan::TimeOrderedScan(rocksdb::DB& db, const rocksdb::Snapshot* snapshot,
                                 const std::vector<keys::KeyRange>& ranges, int64_t now_us)
    : now_us_(now_us) {
  cursors_.reserve(ranges.size());
  for (const auto& range : ranges) {
    if (range.empty()) continue;
    cursors_.push_back(std::make_unique<Cursor>(db, snapshot, range));
    Cursor& c = *cursors_.back();
    if (settle(c)) heap_.push_back(&c);
  }
  auto cmp = [](const Cursor* a, const Cursor* b) { return older(a->current, b->current); };
  std::make_heap(heap_.begin(), heap_.end(), cmp);
}

TimeOrderedScan::~TimeOrderedScan() = default;

bool TimeOrderedScan::settle(Cursor& c) {
  auto& it = *c.iter.it;
  for (; it.Valid(); it.Next()) {
    if (auto hit = read_hit(it.key(), it.value(), now_us_)) {
      c.current = *hit;
      return true;
    }
  }
  c.iter.check();
  return false;
}

std::optional<IndexHit> TimeOrderedScan::next() {
  if (heap_.empty()) return std::nullopt;
  auto cmp = [](const Cursor* a, const Cursor* b) { return older(a->current, b->current); };
  std::pop_heap(heap_.begin(), heap_.end(), cmp);
  Cursor* c = heap_.back();
  IndexHit hit = c->current;
  c->iter.it->Next();
  if (settle(*c)) {
    std::push_heap(heap_.begin(), heap_.end(), cmp);
  } else {
    heap_.pop_back();
  }
  return hit;
}

void scan_duration_ranges(rocksdb::DB& db, const rocksdb::Snapshot* snapshot,
                          const std::vector<keys::KeyRange>& ranges, int64_t now_us,
                          const std::function<void(const IndexHit&)>& visit) {
  constexpr size_t kDurationAndSuffix = 8 + keys::kIndexSuffixSize;
  for (const auto& range : ranges) {
    if (range.empty()) continue;
    BoundedIterator iter(db, snapshot, range);
    for (auto& it = *iter.it; it.Valid(); it.Next()) {
      rocksdb::Slice key = it.key();
      if (key.size() < kDurationAndSuffix) continue;
      auto hit = read_hit(key, it.value(), now_us);
      if (!hit) continue;
      hit->duration_us = unorder_signed(get_u64_be(key.data() + key.size() - kDurationAndSuffix));
      visit(*hit);
    }
    iter.check();
  }
}

}  // namespace peregrine::storage::embedded
