// Go time.Duration text form: parsing ("1h2m", "1.5s", "-300ms", "10µs") and formatting like
// Duration.String() ("1h0m0s", "1.5s", "300µs", "0s").
#pragma once
#include <chrono>
#include <string>

namespace peregrine::common {

// Throws std::invalid_argument on malformed input or overflow. Also declared in config.hpp.
std::chrono::nanoseconds parse_go_duration(const std::string& s);
std::string format_go_duration(std::chrono::nanoseconds d);

}  // namespace peregrine::common
