// _bulk response reading (see bulk_response.hpp).
#include "backend/storage/elasticsearch/bulk_response.hpp"

#include <nlohmann/json.hpp>

namespace peregrine::storage::elasticsearch {

namespace {

// Elasticsearch writes "took" and "errors" before "items"; index names cannot contain quotes, so a textual
// look at the head of the body is unambiguous.
bool head_says_no_errors(const std::string& body) {
  const size_t limit = body.size() < 256 ? body.size() : 256;
  const std::string_view head(body.data(), limit);
  size_t pos = head.find("\"errors\"");
  if (pos == std::string_view::npos) return false;
  pos += 8;
  while (pos < head.size() && (head[pos] == ' ' || head[pos] == ':' || head[pos] == '\n' || head[pos] == '\t')) ++pos;
  return head.substr(pos, 5) == "false";
}

std::string first_index_of(const std::string& body) {
  static const std::string key = "\"_index\":\"";
  size_t pos = body.find(key);
  if (pos == std::string::npos) return "";
  pos += key.size();
  size_t end = body.find('"', pos);
  return end == std::string::npos ? "" : body.substr(pos, end - pos);
}

}  // namespace

ItemDisposition classify_item_status(int status) {
  if (status >= 200 && status < 300) return ItemDisposition::Stored;
  if (status == 429 || status == 408 || status >= 500) return ItemDisposition::Retry;
  return ItemDisposition::Reject;
}

BulkResponse parse_bulk_response(const std::string& body, size_t expected_items, bool want_first_index) {
  BulkResponse out;
  if (head_says_no_errors(body)) {
    out.valid = true;
    if (want_first_index) out.first_index = first_index_of(body);
    return out;
  }
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("items") || !j["items"].is_array() ||
      j["items"].size() != expected_items)
    return out;
  out.valid = true;
  out.errors = j.value("errors", false);
  out.items.reserve(expected_items);
  for (const auto& wrapper : j["items"]) {
    BulkItemOutcome o;
    if (wrapper.is_object() && !wrapper.empty()) {
      const auto& item = wrapper.begin().value();
      if (item.is_object()) {
        if (item.contains("status") && item["status"].is_number()) o.status = item["status"].get<int>();
        if (item.contains("_index") && item["_index"].is_string()) o.index = item["_index"].get<std::string>();
        if (item.contains("error")) {
          const auto& e = item["error"];
          if (e.is_object()) {
            if (e.contains("type") && e["type"].is_string()) o.error_type = e["type"].get<std::string>();
            if (e.contains("reason") && e["reason"].is_string()) o.error_reason = e["reason"].get<std::string>();
          } else if (e.is_string()) {
            o.error_reason = e.get<std::string>();
          }
        }
      }
    }
    out.items.push_back(std::move(o));
  }
  if (want_first_index && !out.items.empty()) out.first_index = out.items.front().index;
  return out;
}

}  // namespace peregrine::storage::elasticsearch
