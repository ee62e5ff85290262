// Manifest files (YAML, possibly multi-document, or JSON) → JSON objects, for --preload files (e.g. CRDs).
// Plain YAML scalars are typed like sigs.k8s.io/yaml does for the common cases (null, booleans, integers,
// floats); quoted scalars stay strings.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace peregrine::kubedouble {

std::vector<nlohmann::json> parse_manifests(const std::string& text);
std::vector<nlohmann::json> load_manifest_file(const std::string& path);

}  // namespace peregrine::kubedouble
