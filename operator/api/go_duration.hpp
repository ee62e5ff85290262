// Go `time.ParseDuration` syntax ("48h", "1h30m", "2.5s", "300ms"), used by CR fields such as
// esRollover.readTTL and cassandraCreateSchema.timeout.
#pragma once
#include <chrono>
#include <optional>
#include <string_view>

namespace peregrine::operator_api {

// nullopt when `text` is not a valid Go duration.
std::optional<std::chrono::nanoseconds> parse_go_duration(std::string_view text);

}  // namespace peregrine::operator_api
