// Kubernetes timestamps: metav1.Time (RFC 3339, seconds, UTC "Z") and metav1.MicroTime (microseconds).
#pragma once
#include <chrono>
#include <optional>
#include <string>

namespace peregrine::kube {

using SystemTime = std::chrono::system_clock::time_point;

std::string format_time(SystemTime t);        // "2024-05-01T10:00:00Z"
std::string format_micro_time(SystemTime t);  // "2024-05-01T10:00:00.123456Z"
// Parses RFC 3339 with optional fraction and 'Z' or ±hh:mm offset; nullopt when malformed.
std::optional<SystemTime> parse_time(const std::string& text);

}  // namespace peregrine::kube
