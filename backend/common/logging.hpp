// Logging: one spdlog logger for the process, JSON-ish structured lines like Jaeger's zap output,
// level from --log-level (debug, info, warn, error).
#pragma once
#include <spdlog/spdlog.h>

#include <string>

namespace peregrine::common {

void init_logging(const std::string& level);

}  // namespace peregrine::common
