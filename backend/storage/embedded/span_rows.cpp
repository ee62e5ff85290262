// Per-chunk span, span-keys and index rows, and the sorted rows of a write.
#include "backend/storage/embedded/span_rows.hpp"

#include <algorithm>
#include <span>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "backend/storage/embedded/index_value.hpp"
#include "backend/storage/embedded/key_layout.hpp"
#include "backend/storage/embedded/row_value.hpp"
#include "backend/storage/embedded/span_chunk.hpp"

namespace peregrine::storage::embedded {

namespace {

const std::string kNoService;

// The distinct tag terms of one span (a pair carried twice is listed once), in buffers reused from span to span.
class SpanTagTerms {
 public:
  void collect(const model::Span& span) {
    count_ = 0;
    add(span.tags);
    if (span.process) add(span.process->tags);
    for (const auto& log : span.logs) add(log.fields);
    std::sort(terms_.begin(), terms_.begin() + static_cast<std::ptrdiff_t>(count_));
    count_ = static_cast<size_t>(std::unique(terms_.begin(), terms_.begin() + static_cast<std::ptrdiff_t>(count_)) -
                                 terms_.begin());
  }
  std::span<const std::string> terms() const { return std::span(terms_).first(count_); }

 private:
  void add(const model::KeyValues& kvs) {
    for (const auto& kv : kvs) {
      if (kv.key.size() > kMaxIndexedTagBytes) continue;
      if (kv.type == model::ValueType::String) {
        if (kv.str.size() <= kMaxIndexedTagBytes) keys::assign_tag_prefix(next(), kv.key, kv.str);
        continue;
      }
      const std::string value = kv.value_as_string();
      if (value.size() <= kMaxIndexedTagBytes) keys::assign_tag_prefix(next(), kv.key, value);
    }
  }
  std::string& next() {
    if (count_ == terms_.size()) terms_.emplace_back();
    return terms_[count_++];
  }

  std::vector<std::string> terms_;
  size_t count_ = 0;
};

// True when `start_us` (>= row_start_us) lies within the spread one index row may cover.
bool within_row(int64_t row_start_us, int64_t start_us) {
  return static_cast<uint64_t>(start_us) - static_cast<uint64_t>(row_start_us) <=
         static_cast<uint64_t>(keys::kIndexRowSpreadUs);
}

// Rows of one term: its spans sorted by start, cut into runs that fit one row each.
void term_rows(const std::string& prefix, std::vector<IndexedSpan>& spans, const model::TraceID& trace,
               int64_t expiry_us, uint64_t write_id, std::vector<Row>& out) {
  std::sort(spans.begin(), spans.end(), [](const IndexedSpan& a, const IndexedSpan& b) {
    return a.start_us != b.start_us ? a.start_us < b.start_us : a.service < b.service;
  });
  const bool with_services = prefix[0] == keys::kTag;
  size_t first = 0;
  while (first < spans.size()) {
    const int64_t row_start = spans[first].start_us;
    size_t end = first + 1;
    while (end < spans.size() && within_row(row_start, spans[end].start_us)) ++end;
    Row row;
    row.key.reserve(prefix.size() + keys::kIndexSuffixSize);
    row.key = prefix;
    keys::append_index_suffix(row.key, row_start, trace, write_id);
    encode_index_value(row.value, expiry_us, row_start, std::span(spans).subspan(first, end - first), with_services);
    out.push_back(std::move(row));
    first = end;
  }
}

}  // namespace

const std::string& service_of(const model::Span& span) {
  return span.process ? span.process->service_name : kNoService;
}

Row span_chunk_row(Chunk chunk, int64_t expiry_us, uint64_t write_id) {
  Row row;
  row.key = keys::chunk_key(chunk.front()->trace_id, chunk.front()->start_time_us, write_id);
  put_expiry(row.value, expiry_us);
  encode_span_chunk(chunk, row.value);
  return row;
}

Row span_keys_row(Chunk chunk, int64_t expiry_us, uint64_t write_id) {
  Row row;
  row.key = keys::span_keys_key(chunk.front()->trace_id, write_id);
  put_expiry(row.value, expiry_us);
  encode_span_keys(chunk, row.value);
  return row;
}

std::vector<Row> chunk_index_rows(Chunk chunk, int64_t expiry_us, uint64_t write_id) {
  std::unordered_map<std::string, std::vector<IndexedSpan>> spans_by_term;
  spans_by_term.reserve(chunk.size() * 4);
  auto add = [&](const std::string& term, const IndexedSpan& entry) {
    spans_by_term.try_emplace(term).first->second.push_back(entry);
  };
  SpanTagTerms tags;
  std::string term;
  for (const model::Span* span : chunk) {
    const std::string& service = service_of(*span);
    const IndexedSpan entry{span->start_time_us, span->duration_us, service};
    keys::assign_service_prefix(term, service);
    add(term, entry);
    keys::assign_operation_prefix(term, service, span->operation_name);
    add(term, entry);
    tags.collect(*span);
    for (const auto& tag_term : tags.terms()) add(tag_term, entry);
  }
  std::vector<Row> rows;
  rows.reserve(spans_by_term.size());
  const model::TraceID& trace = chunk.front()->trace_id;
  for (auto& [prefix, spans] : spans_by_term) term_rows(prefix, spans, trace, expiry_us, write_id, rows);
  return rows;
}

std::vector<Row> write_rows(const model::SpanBatch& batch, const std::vector<bool>& skip, int64_t expiry_us,
                            uint64_t write_id) {
  std::vector<const model::Span*> stored;
  stored.reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!skip[i]) stored.push_back(&batch[i]);
  }
  std::stable_sort(stored.begin(), stored.end(), [](const model::Span* a, const model::Span* b) {
    return std::tie(a->trace_id, a->start_time_us, a->span_id) < std::tie(b->trace_id, b->start_time_us, b->span_id);
  });
  std::vector<Row> rows;
  rows.reserve(stored.size() * 4);
  size_t first = 0;
  while (first < stored.size()) {
    size_t end = first + 1;
    while (end < stored.size() && stored[end]->trace_id == stored[first]->trace_id) ++end;
    const Chunk chunk = std::span(stored).subspan(first, end - first);
    rows.push_back(span_chunk_row(chunk, expiry_us, write_id));
    rows.push_back(span_keys_row(chunk, expiry_us, write_id));
    for (auto& row : chunk_index_rows(chunk, expiry_us, write_id)) rows.push_back(std::move(row));
    first = end;
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
  return rows;
}

}  // namespace peregrine::storage::embedded
