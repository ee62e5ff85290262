// Key encoders / decoders (layout in key_layout.hpp).
#include "backend/storage/embedded/key_layout.hpp"

#include <limits>

#include "backend/storage/embedded/byte_order.hpp"

namespace peregrine::storage::embedded::keys {

namespace {

void put_trace(std::string& out, const model::TraceID& trace) {
  put_u64_be(out, trace.high);
  put_u64_be(out, trace.low);
}

std::string with_kind(Kind kind) { return std::string(1, static_cast<char>(kind)); }

}  // namespace

std::string trace_prefix(const model::TraceID& trace) {
  std::string key = with_kind(kTrace);
  key.reserve(kChunkKeySize);
  put_trace(key, trace);
  return key;
}

std::string chunk_prefix(const model::TraceID& trace) {
  std::string key = trace_prefix(trace);
  key.push_back(kSpanChunk);
  return key;
}

std::string span_keys_prefix(const model::TraceID& trace) {
  std::string key = trace_prefix(trace);
  key.push_back(kSpanKeys);
  return key;
}

std::string chunk_key(const model::TraceID& trace, int64_t chunk_start_us, uint64_t write_id) {
  std::string key = chunk_prefix(trace);
  put_u64_be(key, order_signed(chunk_start_us));
  put_u64_be(key, write_id);
  return key;
}

std::string span_keys_key(const model::TraceID& trace, uint64_t write_id) {
  std::string key = span_keys_prefix(trace);
  put_u64_be(key, write_id);
  return key;
}

std::optional<ChunkKey> parse_chunk_key(std::string_view key) {
  if (key.size() != kChunkKeySize || key[0] != kTrace || key[kTracePrefixSize] != kSpanChunk) return std::nullopt;
  ChunkKey k;
  k.trace.high = get_u64_be(key.data() + 1);
  k.trace.low = get_u64_be(key.data() + 9);
  k.chunk_start_us = unorder_signed(get_u64_be(key.data() + 18));
  k.write_id = get_u64_be(key.data() + 26);
  return k;
}

void assign_service_prefix(std::string& out, std::string_view service) {
  out.assign(1, static_cast<char>(kService));
  put_string(out, service);
}

void assign_operation_prefix(std::string& out, std::string_view service, std::string_view operation) {
  out.assign(1, static_cast<char>(kOperation));
  put_string(out, service);
  put_string(out, operation);
}

void assign_tag_prefix(std::string& out, std::string_view key, std::string_view value) {
  out.assign(1, static_cast<char>(kTag));
  put_string(out, key);
  put_string(out, value);
}

std::string service_prefix(std::string_view service) {
  std::string key;
  assign_service_prefix(key, service);
  return key;
}

std::string operation_prefix(std::string_view service, std::string_view operation) {
  std::string key;
  assign_operation_prefix(key, service, operation);
  return key;
}

std::string tag_prefix(std::string_view key, std::string_view value) {
  std::string out;
  assign_tag_prefix(out, key, value);
  return out;
}

void append_index_suffix(std::string& key, int64_t row_start_us, const model::TraceID& trace, uint64_t write_id) {
  put_u64_be(key, newest_first(row_start_us));
  put_trace(key, trace);
  put_u64_be(key, write_id);
}

std::optional<IndexSuffix> parse_index_suffix(std::string_view tail) {
  if (tail.size() != kIndexSuffixSize) return std::nullopt;
  IndexSuffix s;
  s.row_start_us = from_newest_first(get_u64_be(tail.data()));
  s.trace.high = get_u64_be(tail.data() + 8);
  s.trace.low = get_u64_be(tail.data() + 16);
  s.write_id = get_u64_be(tail.data() + 24);
  return s;
}

std::string catalog_prefix() { return with_kind(kCatalog); }

std::string catalog_service_prefix(std::string_view service) {
  std::string key = with_kind(kCatalog);
  put_string(key, service);
  return key;
}

std::string catalog_key(std::string_view service, std::string_view operation, std::string_view span_kind) {
  std::string key = catalog_service_prefix(service);
  put_string(key, operation);
  put_string(key, span_kind);
  return key;
}

std::optional<CatalogKey> parse_catalog_key(std::string_view key) {
  if (key.empty() || key[0] != kCatalog) return std::nullopt;
  try {
    ByteReader r(key.substr(1));
    CatalogKey k;
    k.service = std::string(r.string());
    k.operation = std::string(r.string());
    k.span_kind = std::string(r.string());
    if (!r.at_end()) return std::nullopt;
    return k;
  } catch (const CorruptRow&) {
    return std::nullopt;
  }
}

std::string prefix_successor(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty()) {
    auto last = static_cast<unsigned char>(s.back());
    if (last != 0xFF) {
      s.back() = static_cast<char>(last + 1);
      return s;
    }
    s.pop_back();
  }
  return s;
}

KeyRange time_window(const std::string& prefix, int64_t start_min_us, int64_t start_max_us) {
  KeyRange r;
  r.begin = prefix;
  put_u64_be(r.begin, newest_first(start_max_us));
  const int64_t oldest_row_start = start_min_us < std::numeric_limits<int64_t>::min() + kIndexRowSpreadUs
                                       ? std::numeric_limits<int64_t>::min()
                                       : start_min_us - kIndexRowSpreadUs;
  const uint64_t last = newest_first(oldest_row_start);
  if (last == std::numeric_limits<uint64_t>::max()) {
    r.end = prefix_successor(prefix);
  } else {
    r.end = prefix;
    put_u64_be(r.end, last + 1);
  }
  return r;
}

}  // namespace peregrine::storage::embedded::keys
