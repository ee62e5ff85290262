// parse → validate → normalize for one Jaeger CR document.
#include "operator/api/load.hpp"

#include "operator/api/normalize.hpp"
#include "operator/api/parse.hpp"
#include "operator/api/validate.hpp"

namespace peregrine::operator_api {

LoadResult load_jaeger(const Json& document) {
  LoadResult result;
  ParseResult parsed = parse_jaeger(document);
  result.errors = std::move(parsed.errors);
  if (!result.errors.empty()) return result;
  result.errors = validate(parsed.jaeger);
  if (!result.errors.empty()) return result;
  result.jaeger = normalize(std::move(parsed.jaeger));
  return result;
}

}  // namespace peregrine::operator_api
