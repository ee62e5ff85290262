// TopTraces: the newest `limit` matching traces seen so far across shards (ordered by trace start, ties by
// trace id). Shards are searched one after another; once full, its threshold tells later shards where they
// can stop walking their time index, so a search verifies about `limit` traces in total, not per shard.
#pragma once
#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "backend/model/ids.hpp"

namespace peregrine::storage::memory {

class TopTraces {
 public:
  struct Hit {
    int64_t start_us;
    model::TraceID id;
  };

  explicit TopTraces(size_t limit) : limit_(limit) {}  // 0 = unlimited

  bool full() const { return limit_ != 0 && heap_.size() >= limit_; }
  // Traces starting before this cannot enter any more (only meaningful when full()).
  int64_t threshold() const { return full() ? heap_.front().start_us : std::numeric_limits<int64_t>::min(); }

  void offer(int64_t start_us, const model::TraceID& id) {
    Hit h{start_us, id};
    if (!full()) {
      heap_.push_back(h);
      std::push_heap(heap_.begin(), heap_.end(), better);
      return;
    }
    if (!better(h, heap_.front())) return;
    std::pop_heap(heap_.begin(), heap_.end(), better);
    heap_.back() = h;
    std::push_heap(heap_.begin(), heap_.end(), better);
  }

  // Newest first.
  std::vector<Hit> sorted() const {
    std::vector<Hit> out = heap_;
    std::sort(out.begin(), out.end(), better);
    return out;
  }

 private:
  // "a ranks before b": newer start, then smaller trace id. As the heap comparator this keeps the worst hit at
  // the front.
  static bool better(const Hit& a, const Hit& b) {
    if (a.start_us != b.start_us) return a.start_us > b.start_us;
    return a.id < b.id;
  }

  size_t limit_;
  std::vector<Hit> heap_;
};

}  // namespace peregrine::storage::memory
