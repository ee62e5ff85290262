// model::Span → Jaeger's Elasticsearch span document, byte-for-byte as Jaeger's Go writer renders it:
// {"traceID","spanID","flags"(omitted when 0),"operationName","references":[{"refType","traceID","spanID"}],
//  "startTime"(µs),"startTimeMillis","duration"(µs),"tags":[{"key","type","value"(string)}],"tag"{…}(only with
//  tags-as-fields),"logs":[{"timestamp","fields"}],"process":{"serviceName","tags","tag"}}.
// Typed values travel as strings in the nested lists (floats with 10 significant digits, binary as hex); with
// es.tags-as-fields the selected non-binary tags move to the "tag"/"process.tag" objects with their JSON types
// and '.' in keys replaced by the dot replacement. Also the service:operation document of the service index.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>

#include "backend/model/span.hpp"

namespace peregrine::storage::elasticsearch {

struct TagsAsFields {
  bool all = false;
  std::unordered_set<std::string> keys;  // es.tags-as-fields.include + config-file
  std::string dot_replacement = "@";
  bool enabled() const { return all || !keys.empty(); }
  bool selects(const model::KeyValue& kv) const {
    return kv.type != model::ValueType::Binary && (all || keys.count(kv.key) != 0);
  }
};

// Appends the span document to out.
void append_span_document(std::string& out, const model::Span& span, const TagsAsFields& tags);
std::string span_document(const model::Span& span, const TagsAsFields& tags);

// {"serviceName":…,"operationName":…}
std::string service_document(std::string_view service, std::string_view operation);

// Jaeger's id of a service:operation document: FNV-1a 64 of service then operation, lowercase hex without
// padding, so Jaeger and Peregrine write the same document once.
std::string service_document_id(std::string_view service, std::string_view operation);

// "a.b.c" → "a@b@c" (every '.' replaced).
std::string replace_dots(std::string_view key, std::string_view replacement);

}  // namespace peregrine::storage::elasticsearch
