// The Jaeger storage backends a CR can name (`spec.storage.type`), their option prefixes and their
// SPAN_STORAGE_TYPE values.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peregrine::operator_api {

enum class StorageType { Memory, Cassandra, Elasticsearch, Kafka, Badger, GrpcPlugin };

// The CR spelling, also the SPAN_STORAGE_TYPE value: "memory", "cassandra", "elasticsearch", "kafka",
// "badger", "grpc-plugin".
std::string_view storage_type_name(StorageType type);

// Parses a CR spelling (case-insensitive); nullopt for unknown names.
std::optional<StorageType> parse_storage_type(std::string_view name);

// Every valid spelling, in the Jaeger operator's order (for error messages).
std::vector<std::string_view> storage_type_names();

// Prefix of the storage flags passed to Jaeger components: "es" for elasticsearch, "grpc-storage-plugin" for
// grpc-plugin, the type name otherwise.
std::string_view storage_options_prefix(StorageType type);

// memory and badger keep their data inside one process, so they can only run as all-in-one.
bool is_distributed_storage(StorageType type);

}  // namespace peregrine::operator_api
