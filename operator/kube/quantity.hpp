// Kubernetes resource quantities ("500m", "1Gi", "2e3", "0.5"): parsed to a number so that two spellings of
// the same amount compare equal (the API server canonicalizes "1024Mi" to "1Gi", "0.5" to "500m").
#pragma once
#include <optional>
#include <string_view>

namespace peregrine::kube {

// The amount a quantity string denotes (in base units: cores, bytes), or nullopt when it is not a quantity.
std::optional<long double> parse_quantity(std::string_view text);

// True when both strings are quantities of the same amount (relative tolerance 1e-12).
bool same_quantity(std::string_view a, std::string_view b);

}  // namespace peregrine::kube
