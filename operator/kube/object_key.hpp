// Cache/work-queue keys ("namespace/name", or "name" for cluster-scoped objects) and small accessors for the
// metadata fields every controller reads.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace peregrine::kube {

std::string object_key(const std::string& ns, const std::string& name);
std::string object_key(const nlohmann::json& object);
// "ns/name" → {"ns","name"}; "name" → {"","name"}.
std::pair<std::string, std::string> split_object_key(std::string_view key);

// metadata.<field> as a string ("" when absent).
std::string meta_string(const nlohmann::json& object, const char* field);
inline std::string object_name(const nlohmann::json& o) { return meta_string(o, "name"); }
inline std::string object_namespace(const nlohmann::json& o) { return meta_string(o, "namespace"); }
inline std::string object_uid(const nlohmann::json& o) { return meta_string(o, "uid"); }
inline std::string object_resource_version(const nlohmann::json& o) { return meta_string(o, "resourceVersion"); }

}  // namespace peregrine::kube
