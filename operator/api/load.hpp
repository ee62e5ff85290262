// The whole path from a CR document to a defaulted, validated Jaeger: parse → validate → normalize.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "operator/api/jaeger_types.hpp"

namespace peregrine::operator_api {

struct LoadResult {
  std::optional<Jaeger> jaeger;     // set only when there are no errors
  std::vector<std::string> errors;  // every problem found, each prefixed with its field path
  bool ok() const { return errors.empty(); }
};

LoadResult load_jaeger(const Json& document);

}  // namespace peregrine::operator_api
