// WATCH_NAMESPACE parsing.
#include "operator/kube/watch_namespaces.hpp"

#include <algorithm>
#include <cstdlib>

namespace peregrine::kube {

std::vector<std::string> parse_watch_namespaces(std::string_view value) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view item = value.substr(start, comma - start);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.emplace_back(item);
    start = comma + 1;
  }
  return out;
}

std::vector<std::string> watch_namespaces_from_env() {
  const char* v = std::getenv("WATCH_NAMESPACE");
  return parse_watch_namespaces(v ? std::string_view(v) : std::string_view());
}

}  // namespace peregrine::kube
