// WATCH_NAMESPACE handling: a comma-separated list of namespaces to watch; empty means the whole cluster.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace peregrine::kube {

// Trims entries, drops empty ones and duplicates (first occurrence kept). Empty result = all namespaces.
std::vector<std::string> parse_watch_namespaces(std::string_view value);
// parse_watch_namespaces($WATCH_NAMESPACE).
std::vector<std::string> watch_namespaces_from_env();

}  // namespace peregrine::kube
