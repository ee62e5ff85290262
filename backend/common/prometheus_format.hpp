// Pure helpers for the Prometheus text exposition format 0.0.4: number formatting identical to the Go
// client (strconv 'g', shortest), label-value and HELP escaping, and label-set rendering.
#pragma once
#include <map>
#include <string>
#include <string_view>

namespace peregrine::common {

// Go's strconv.FormatFloat(v, 'g', -1, 64) with Prometheus' spellings of infinities: "1e+06", "0.005",
// "123456", "+Inf", "-Inf", "NaN".
std::string format_prometheus_value(double v);
// Label values: '\' → "\\", '"' → "\"", newline → "\n".
std::string escape_label_value(std::string_view s);
// HELP text: '\' → "\\", newline → "\n".
std::string escape_help(std::string_view s);
// {a="1",b="2"} (empty string for no labels). `extra_name`/`extra_value` (e.g. "le") is appended last when set.
std::string render_labels(const std::map<std::string, std::string>& labels, std::string_view extra_name = {},
                          std::string_view extra_value = {});

}  // namespace peregrine::common
