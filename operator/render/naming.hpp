// Object, volume and label names derived from the instance name, with the Jaeger operator's truncation
// (so names stay within Kubernetes limits) and DNS-label cleanup.
#pragma once
#include <string>
#include <string_view>

#include "operator/render/instance.hpp"

namespace peregrine::operator_render {

// `name + suffix`, with `name` shortened so the result has at most `max` characters, and leading/trailing
// non-alphanumerics trimmed.
std::string truncate_name(std::string_view name, std::string_view suffix, std::size_t max);

// Lower-cases and replaces every character outside [a-z0-9] with '-' ('a' at the first and last position).
std::string dns_name(std::string_view name);

// A label value: at most 63 characters, starting and ending with an alphanumeric.
std::string label_value(std::string_view value);

std::string collector_service_name(const Instance& instance);           // <n>-collector
std::string collector_headless_service_name(const Instance& instance);  // <n>-collector-headless
std::string query_service_name(const Instance& instance);               // <n>-query
std::string agent_service_name(const Instance& instance);               // <n>-agent
std::string ui_config_map_name(const Instance& instance);               // <n>-ui-configuration
std::string sampling_config_map_name(const Instance& instance);         // <n>-sampling-configuration

}  // namespace peregrine::operator_render
