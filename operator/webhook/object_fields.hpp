// Tolerant accessors for the parts of a workload object injection reads: metadata labels and annotations,
// the pod template and its containers, container env and args. Objects from an AdmissionReview may be
// malformed; every accessor treats a missing or wrongly typed field as absent instead of throwing.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peregrine::operator_webhook {

using Json = nlohmann::json;
using StringMap = std::map<std::string, std::string>;

// object.metadata.labels / .annotations as a map (non-string values skipped).
StringMap metadata_labels(const Json& object);
StringMap metadata_annotations(const Json& object);
// metadata.<field> when it is a string, else "".
std::string metadata_string(const Json& object, const char* field);

std::optional<std::string> find_value(const StringMap& map, const std::string& key);

// spec.template.metadata.labels of a workload.
StringMap pod_template_labels(const Json& workload);
// spec.template.spec.containers when it is an array of objects, else nullptr.
const Json* pod_containers(const Json& workload);
Json* pod_containers(Json& workload);
// spec.template.spec, creating nothing; nullptr when absent or not an object.
Json* pod_spec(Json& workload);

// The name of a container object ("" when missing).
std::string container_name(const Json& container);
// Index of the first container named `name`, or nullopt.
std::optional<std::size_t> container_index(const Json& containers, std::string_view name);
// Whether the container's env list has a variable named `name`.
bool has_env(const Json& container, std::string_view name);
// The container's args as strings (non-strings skipped).
std::vector<std::string> container_args(const Json& container);

// Case-insensitive ASCII comparison ("True" == "true").
bool equals_ignore_case(std::string_view a, std::string_view b);

}  // namespace peregrine::operator_webhook
