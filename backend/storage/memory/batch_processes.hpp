// BatchProcesses: the distinct processes of one written batch, each with its canonical dedupe key computed once.
// A batch's spans go to many shards, and every shard's ProcessTable needs the key the first time it meets a
// process; preparing it per batch turns "one key per process per shard" into "one key per process". Receivers
// share one ProcessPtr per resource, so spans are matched to prepared processes by pointer (runs of spans with
// the same process cost one comparison each).
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "backend/model/span.hpp"
#include "backend/storage/memory/process_table.hpp"

namespace peregrine::storage::memory {

class BatchProcesses {
 public:
  // Prepares every distinct process of `batch` (replacing what a previous call prepared).
  void prepare(const model::SpanBatch& batch) {
    clear();
    span_process_.reserve(batch.size());
    const model::Process* last = nullptr;
    uint32_t last_index = 0;
    for (size_t i = 0; i < batch.size(); ++i) {
      const model::ProcessPtr& process = batch[i].process;
      if (i == 0 || process.get() != last) {
        auto [it, inserted] = index_of_.try_emplace(process.get(), static_cast<uint32_t>(prepared_.size()));
        if (inserted) prepared_.push_back(PreparedProcess::of(process));
        last = process.get();
        last_index = it->second;
      }
      span_process_.push_back(last_index);
    }
  }

  // The prepared process of batch[i] (valid until the next prepare()/clear()).
  const PreparedProcess& of_span(size_t i) const { return prepared_[span_process_[i]]; }

  // Drops the prepared processes (and the references they hold).
  void clear() {
    prepared_.clear();
    span_process_.clear();
    index_of_.clear();
  }

 private:
  std::vector<PreparedProcess> prepared_;
  std::vector<uint32_t> span_process_;  // batch index → index into prepared_
  std::unordered_map<const model::Process*, uint32_t> index_of_;
};

}  // namespace peregrine::storage::memory
