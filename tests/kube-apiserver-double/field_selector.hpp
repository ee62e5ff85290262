// Field selectors: "f=v", "f==v", "f!=v", comma-separated. Supported fields: metadata.name and
// metadata.namespace everywhere, plus a few per kind (Event involvedObject.*/reason/type, Pod spec.nodeName /
// status.phase, Secret type); anything else is refused like the API server does ("field label not supported").
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tests/kube-apiserver-double/resource_info.hpp"

namespace peregrine::kubedouble {

class FieldSelector {
 public:
  // Throws ApiServerError (400) on syntax errors or unsupported fields.
  static FieldSelector parse(std::string_view text, const ResourceInfo& info);
  bool matches(const nlohmann::json& object) const;
  bool empty() const { return terms_.empty(); }
  // The name a selector pins with metadata.name=<x> ("" otherwise).
  std::string required_name() const;

 private:
  struct Term {
    std::string field;
    bool negate = false;
    std::string value;
  };
  std::vector<Term> terms_;
};

}  // namespace peregrine::kubedouble
