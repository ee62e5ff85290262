// Logging: installs a stderr spdlog logger as the process default, with Jaeger's --log-level names.
#include "backend/common/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>

#include <cctype>
#include <stdexcept>

namespace peregrine::common {

namespace {

spdlog::level::level_enum parse_level(std::string level) {
  for (char& c : level) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (level == "debug") return spdlog::level::debug;
  if (level == "info" || level.empty()) return spdlog::level::info;
  if (level == "warn" || level == "warning") return spdlog::level::warn;
  if (level == "error") return spdlog::level::err;
  if (level == "fatal" || level == "panic" || level == "dpanic") return spdlog::level::critical;
  if (level == "off") return spdlog::level::off;
  throw std::invalid_argument("unrecognized log level \"" + level + "\" (use debug, info, warn, error, fatal)");
}

}  // namespace

void init_logging(const std::string& level) {
  auto lvl = parse_level(level);
  auto logger = std::make_shared<spdlog::logger>("peregrine", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  // zap-console-like: time, level, message.
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ\t%l\t%v", spdlog::pattern_time_type::utc);
  logger->set_level(lvl);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

}  // namespace peregrine::common
