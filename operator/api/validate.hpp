// Semantic checks on a parsed Jaeger CR: values the Kubernetes API would reject later (bad enum values,
// dangling volume mounts, unparseable durations, min > max replicas, invalid names), reported up front
// with the field path so nothing is half-applied.
#pragma once
#include <string>
#include <vector>

#include "operator/api/jaeger_types.hpp"

namespace peregrine::operator_api {

// Empty when the CR is acceptable.
std::vector<std::string> validate(const Jaeger& jaeger);

}  // namespace peregrine::operator_api
