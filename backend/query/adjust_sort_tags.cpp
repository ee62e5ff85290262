// sort_tags_and_log_fields and Jaeger's KeyValue ordering (key, then type, then value).
#include <algorithm>
#include <memory>
#include <unordered_map>

#include "backend/query/adjusters.hpp"

namespace peregrine::query {

bool key_value_less(const model::KeyValue& a, const model::KeyValue& b) {
  if (a.key != b.key) return a.key < b.key;
  if (a.type != b.type) return a.type < b.type;
  switch (a.type) {
    case model::ValueType::String:
    case model::ValueType::Binary:
      return a.str < b.str;
    case model::ValueType::Bool:
      return !a.b && b.b;
    case model::ValueType::Int64:
      return a.i < b.i;
    case model::ValueType::Float64:
      return a.d < b.d;
  }
  return false;
}

void sort_key_values(model::KeyValues& kvs) { std::stable_sort(kvs.begin(), kvs.end(), key_value_less); }

namespace {

void sort_log_fields(model::KeyValues& fields) {
  size_t offset = 0;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].key == "event" && fields[i].type == model::ValueType::String) {
      if (i > 0) std::swap(fields[0], fields[i]);
      offset = 1;
      break;
    }
  }
  if (fields.size() > 1) {
    std::stable_sort(fields.begin() + static_cast<std::ptrdiff_t>(offset), fields.end(), key_value_less);
  }
}

}  // namespace

void sort_tags_and_log_fields(model::Trace& trace) {
  // Spans of a trace usually share a few processes: sort each distinct one once.
  std::unordered_map<const model::Process*, model::ProcessPtr> sorted;
  for (auto& span : trace.spans) {
    sort_key_values(span.tags);
    if (span.process) {
      auto [it, inserted] = sorted.try_emplace(span.process.get());
      if (inserted) {
        if (std::is_sorted(span.process->tags.begin(), span.process->tags.end(), key_value_less)) {
          it->second = span.process;
        } else {
          auto copy = std::make_shared<model::Process>(*span.process);
          sort_key_values(copy->tags);
          it->second = std::move(copy);
        }
      }
      span.process = it->second;
    }
    for (auto& log : span.logs) sort_log_fields(log.fields);
  }
}

}  // namespace peregrine::query
