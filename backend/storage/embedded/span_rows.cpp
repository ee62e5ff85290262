// span_rows: span → span row + index rows.
#include "backend/storage/embedded/span_rows.hpp"

#include <set>
#include <utility>

#include "backend/storage/embedded/key_layout.hpp"
#include "backend/storage/embedded/row_value.hpp"
#include "backend/storage/embedded/span_record.hpp"

namespace peregrine::storage::embedded {

namespace {

const std::string kNoService;

void collect_tags(const model::KeyValues& kvs, std::set<std::pair<std::string, std::string>>& out) {
  for (const auto& kv : kvs) {
    if (kv.key.size() > kMaxIndexedTagBytes) continue;
    std::string value = kv.value_as_string();
    if (value.size() > kMaxIndexedTagBytes) continue;
    out.emplace(kv.key, std::move(value));
  }
}

}  // namespace

const std::string& service_of(const model::Span& span) {
  return span.process ? span.process->service_name : kNoService;
}

std::vector<Row> span_rows(const model::Span& span, int64_t expiry_us) {
  const std::string& service = service_of(span);
  std::set<std::pair<std::string, std::string>> tags;  // distinct: a span carrying a pair twice indexes it once
  collect_tags(span.tags, tags);
  if (span.process) collect_tags(span.process->tags, tags);
  for (const auto& log : span.logs) collect_tags(log.fields, tags);

  std::vector<Row> rows;
  rows.reserve(4 + tags.size());

  Row span_row;
  span_row.key = keys::span_key(span.trace_id, span.start_time_us, span.span_id);
  put_expiry(span_row.value, expiry_us);
  encode_span_record(span, span_row.value);
  rows.push_back(std::move(span_row));

  const std::string index = index_value(expiry_us, span.duration_us);
  auto add_index = [&](std::string key) {
    keys::append_index_suffix(key, span.start_time_us, span.trace_id, span.span_id);
    rows.push_back(Row{std::move(key), index});
  };
  add_index(keys::service_prefix(service));
  add_index(keys::operation_prefix(service, span.operation_name));
  std::string duration = keys::duration_prefix(service);
  keys::append_duration(duration, span.duration_us);
  add_index(std::move(duration));
  for (const auto& [key, value] : tags) add_index(keys::tag_prefix(service, key, value));
  return rows;
}

}  // namespace peregrine::storage::embedded
