// Parsing of --agent.tags (see agent_tags.hpp).
#include "backend/agent/agent_tags.hpp"

#include <cstdlib>

namespace peregrine::agent {
namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

model::KeyValues parse_agent_tags(const std::string& spec, const EnvLookup& env) {
  model::KeyValues tags;
  size_t start = 0;
  while (start <= spec.size()) {
    size_t comma = spec.find(',', start);
    std::string item = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    start = comma == std::string::npos ? spec.size() + 1 : comma + 1;
    size_t eq = item.find('=');
    if (eq == std::string::npos) continue;
    std::string key = trim(item.substr(0, eq));
    std::string value = trim(item.substr(eq + 1));
    if (key.empty()) continue;
    if (value.size() >= 3 && value.compare(0, 2, "${") == 0 && value.back() == '}') {
      std::string inner = value.substr(2, value.size() - 3);
      size_t colon = inner.find(':');
      std::string name = inner.substr(0, colon);
      std::string fallback = colon == std::string::npos ? "" : inner.substr(colon + 1);
      auto found = env(name);
      value = found && !found->empty() ? *found : fallback;
    }
    tags.push_back(model::KeyValue::String(key, value));
  }
  return tags;
}

model::KeyValues parse_agent_tags(const std::string& spec) {
  return parse_agent_tags(spec, [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  });
}

}  // namespace peregrine::agent
