// Reads a `Jaeger` custom resource from its JSON form (as the Kubernetes API or a YAML file gives it)
// into operator_api::Jaeger, reporting every type problem with its field path.
#pragma once
#include <string>
#include <vector>

#include "operator/api/jaeger_types.hpp"

namespace peregrine::operator_api {

struct ParseResult {
  Jaeger jaeger;
  std::vector<std::string> errors;  // "spec.storage.type: unknown storage type ..."; empty when ok
  bool ok() const { return errors.empty(); }
};

// True when `document` has apiVersion jaegertracing.io/v1 and kind Jaeger.
bool is_jaeger_document(const Json& document);

// Parses the whole CR. Unknown fields are ignored (the CRD prunes them); wrong types, unknown storage
// types and unknown enum values are errors. No defaults are applied here (see normalize()).
ParseResult parse_jaeger(const Json& document);

}  // namespace peregrine::operator_api
