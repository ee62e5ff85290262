// YAML ⇔ JSON for Kubernetes manifests (no I/O): multi-document YAML text to JSON values the way kubectl
// reads it (YAML 1.1 scalars: quoted values stay strings, plain `true`/`yes`/`42`/`~` are typed), and JSON
// objects back to block-style YAML that quotes every string a YAML reader could mistake for another type.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace peregrine::operator_api {

struct YamlDocuments {
  std::vector<nlohmann::json> documents;  // empty documents (e.g. a trailing `---`) are skipped
  std::string error;                      // parser message with line/column; empty when ok
  bool ok() const { return error.empty(); }
};

YamlDocuments parse_yaml_documents(std::string_view text);

// One YAML document (no leading `---`), ending with a newline.
std::string to_yaml(const nlohmann::json& value);

}  // namespace peregrine::operator_api
