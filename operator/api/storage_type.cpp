// Storage type names and option prefixes, as the Jaeger operator defines them.
#include "operator/api/storage_type.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace peregrine::operator_api {

namespace {

constexpr std::array<std::pair<StorageType, std::string_view>, 6> kNames{{
    {StorageType::Memory, "memory"},
    {StorageType::Cassandra, "cassandra"},
    {StorageType::Elasticsearch, "elasticsearch"},
    {StorageType::Kafka, "kafka"},
    {StorageType::Badger, "badger"},
    {StorageType::GrpcPlugin, "grpc-plugin"},
}};

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string_view storage_type_name(StorageType type) {
  for (const auto& [candidate, name] : kNames) {
    if (candidate == type) return name;
  }
  return "memory";
}

std::optional<StorageType> parse_storage_type(std::string_view name) {
  for (const auto& [type, spelling] : kNames) {
    if (equals_ignore_case(spelling, name)) return type;
  }
  return std::nullopt;
}

std::vector<std::string_view> storage_type_names() {
  std::vector<std::string_view> names;
  for (const auto& entry : kNames) names.push_back(entry.second);
  return names;
}

std::string_view storage_options_prefix(StorageType type) {
  switch (type) {
    case StorageType::Elasticsearch:
      return "es";
    case StorageType::GrpcPlugin:
      return "grpc-storage-plugin";
    default:
      return storage_type_name(type);
  }
}

bool is_distributed_storage(StorageType type) { return type != StorageType::Memory && type != StorageType::Badger; }

}  // namespace peregrine::operator_api
