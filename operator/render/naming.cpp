// Name derivation rules (pkg/util/truncate.go and dns_name.go of the Jaeger operator).
#include "operator/render/naming.hpp"

#include <cctype>

namespace peregrine::operator_render {

namespace {

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::string trim_non_alnum(std::string text) {
  std::size_t begin = 0;
  while (begin < text.size() && !is_alnum(text[begin])) ++begin;
  std::size_t end = text.size();
  while (end > begin && !is_alnum(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

}  // namespace

std::string truncate_name(std::string_view name, std::string_view suffix, std::size_t max) {
  std::string result;
  if (name.size() + suffix.size() <= max) {
    result = std::string(name) + std::string(suffix);
  } else if (suffix.size() < max) {
    result = std::string(name.substr(0, max - suffix.size())) + std::string(suffix);
  } else {
    result = std::string(suffix.substr(0, max));
  }
  return trim_non_alnum(std::move(result));
}

std::string dns_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
    bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (allowed) {
      out.push_back(c);
    } else {
      out.push_back(i == 0 || i + 1 == name.size() ? 'a' : '-');
    }
  }
  return out;
}

std::string label_value(std::string_view value) { return truncate_name(value, "", 63); }

std::string collector_service_name(const Instance& instance) {
  return dns_name(truncate_name(instance.name(), "-collector", 63));
}

std::string collector_headless_service_name(const Instance& instance) {
  return dns_name(truncate_name(instance.name(), "-collector-headless", 63));
}

std::string query_service_name(const Instance& instance) { return dns_name(truncate_name(instance.name(), "-query", 63)); }

std::string agent_service_name(const Instance& instance) { return dns_name(truncate_name(instance.name(), "-agent", 63)); }

std::string ui_config_map_name(const Instance& instance) { return instance.name() + "-ui-configuration"; }

std::string sampling_config_map_name(const Instance& instance) { return instance.name() + "-sampling-configuration"; }

}  // namespace peregrine::operator_render
