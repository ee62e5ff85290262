// Index value encoding and checked decoding (format in index_value.hpp).
#include "backend/storage/embedded/index_value.hpp"

#include "backend/storage/embedded/byte_order.hpp"
#include "backend/storage/embedded/row_value.hpp"

namespace peregrine::storage::embedded {

namespace {

// start − row start, computed without signed overflow (the difference is never negative).
uint64_t start_offset(int64_t start_us, int64_t row_start_us) {
  return static_cast<uint64_t>(start_us) - static_cast<uint64_t>(row_start_us);
}

int64_t start_from_offset(int64_t row_start_us, uint64_t offset) {
  return static_cast<int64_t>(static_cast<uint64_t>(row_start_us) + offset);
}

constexpr uint64_t kNoService = UINT64_MAX;

// Walks a value: `on_services(reader, count)` consumes the service table and returns whether the entries are
// worth reading, then `on_entry(service_index, start, duration)` is called per entry until it returns true.
// Returns whether an entry did.
template <typename OnServices, typename OnEntry>
bool walk(std::string_view value, int64_t row_start_us, OnServices on_services, OnEntry on_entry) {
  if (value.size() < kExpirySize) throw CorruptRow("index value without expiry");
  ByteReader r(value.substr(kExpirySize));
  const size_t services = r.count();
  if (!on_services(r, services)) return false;
  const size_t entries = r.count();
  for (size_t i = 0; i < entries; ++i) {
    uint64_t service = kNoService;
    if (services > 0) {
      service = r.varint();
      if (service >= services) throw CorruptRow("index entry names an unknown service");
    }
    const int64_t start = start_from_offset(row_start_us, r.varint());
    const int64_t duration = r.signed_varint();
    if (on_entry(service, start, duration)) return true;
  }
  if (!r.at_end()) throw CorruptRow("trailing bytes after the index entries");
  return false;
}

}  // namespace

void encode_index_value(std::string& out, int64_t expiry_us, int64_t row_start_us,
                        std::span<const IndexedSpan> spans, bool with_services) {
  put_expiry(out, expiry_us);
  std::vector<std::string_view> services;
  std::vector<size_t> service_of_entry;
  if (with_services) {
    service_of_entry.reserve(spans.size());
    for (const auto& s : spans) {
      size_t i = 0;
      while (i < services.size() && services[i] != s.service) ++i;
      if (i == services.size()) services.push_back(s.service);
      service_of_entry.push_back(i);
    }
  }
  put_varint(out, services.size());
  for (auto s : services) put_string(out, s);
  put_varint(out, spans.size());
  for (size_t i = 0; i < spans.size(); ++i) {
    if (with_services) put_varint(out, service_of_entry[i]);
    put_varint(out, start_offset(spans[i].start_us, row_start_us));
    put_signed(out, spans[i].duration_us);
  }
}

bool any_entry_matches(std::string_view value, int64_t row_start_us, const EntryCriteria& criteria) {
  uint64_t wanted = kNoService;  // the service index entries must name; kNoService = any
  return walk(
      value, row_start_us,
      [&](ByteReader& r, size_t services) {
        if (services == 0 || criteria.service.empty()) {
          for (size_t i = 0; i < services; ++i) r.string();
          return true;
        }
        for (size_t i = 0; i < services; ++i) {
          if (r.string() == criteria.service) wanted = i;
        }
        return wanted != kNoService;  // no entry of the wanted service
      },
      [&](uint64_t service, int64_t start, int64_t duration) {
        if (wanted != kNoService && service != wanted) return false;
        return criteria.bounds.start_in(start) && criteria.bounds.duration_in(duration);
      });
}

std::vector<IndexedSpan> decode_index_value(std::string_view value, int64_t row_start_us) {
  std::vector<std::string_view> services;
  std::vector<IndexedSpan> out;
  walk(
      value, row_start_us,
      [&](ByteReader& r, size_t count) {
        for (size_t i = 0; i < count; ++i) services.push_back(r.string());
        return true;
      },
      [&](uint64_t service, int64_t start, int64_t duration) {
        out.push_back(IndexedSpan{start, duration, service == kNoService ? std::string_view() : services[service]});
        return false;
      });
  return out;
}

}  // namespace peregrine::storage::embedded
