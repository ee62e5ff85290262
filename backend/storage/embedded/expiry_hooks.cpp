// ExpiredRowFilter and MaxExpiryCollector.
#include "backend/storage/embedded/expiry_hooks.hpp"

#include <charconv>
#include <limits>
#include <string>

#include "backend/storage/embedded/row_value.hpp"

namespace peregrine::storage::embedded {

namespace {

class MaxExpiryCollector final : public rocksdb::TablePropertiesCollector {
 public:
  rocksdb::Status AddUserKey(const rocksdb::Slice& key, const rocksdb::Slice& value, rocksdb::EntryType type,
                             rocksdb::SequenceNumber seq, uint64_t file_size) override {
    if (type != rocksdb::kEntryPut) {
      // Deletes / merges carry no expiry: the file can never be called "all expired".
      unknown_ = true;
      return rocksdb::Status::OK();
    }
    auto expiry = read_expiry(std::string_view(value.data(), value.size()));
    if (!expiry) {
      unknown_ = true;
    } else if (*expiry > max_) {
      max_ = *expiry;
    }
    return rocksdb::Status::OK();
  }

  rocksdb::Status Finish(rocksdb::UserCollectedProperties* properties) override {
    if (!unknown_) properties->emplace(kMaxExpiryProperty, std::to_string(max_));
    return rocksdb::Status::OK();
  }

  rocksdb::UserCollectedProperties GetReadableProperties() const override {
    rocksdb::UserCollectedProperties props;
    if (!unknown_) props.emplace(kMaxExpiryProperty, std::to_string(max_));
    return props;
  }

  const char* Name() const override { return "peregrine.MaxExpiryCollector"; }

 private:
  int64_t max_ = std::numeric_limits<int64_t>::min();
  bool unknown_ = false;
};

}  // namespace

bool ExpiredRowFilter::Filter(int, const rocksdb::Slice&, const rocksdb::Slice& existing_value, std::string*,
                              bool*) const {
  auto expiry = read_expiry(std::string_view(existing_value.data(), existing_value.size()));
  return expiry && *expiry <= clock_();
}

rocksdb::TablePropertiesCollector* MaxExpiryCollectorFactory::CreateTablePropertiesCollector(
    rocksdb::TablePropertiesCollectorFactory::Context) {
  return new MaxExpiryCollector();
}

std::optional<int64_t> max_expiry_of(const rocksdb::TableProperties& props) {
  auto it = props.user_collected_properties.find(kMaxExpiryProperty);
  if (it == props.user_collected_properties.end()) return std::nullopt;
  int64_t v = 0;
  const std::string& s = it->second;
  auto res = std::from_chars(s.data(), s.data() + s.size(), v);
  if (res.ec != std::errc() || res.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace peregrine::storage::embedded
