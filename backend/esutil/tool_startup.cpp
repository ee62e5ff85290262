// ES tool start-up (see tool_startup.hpp).
#include "backend/esutil/tool_startup.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

#include "backend/common/logging.hpp"

namespace peregrine::esutil {

std::optional<int> start_es_tool(common::Config& cfg, int argc, char** argv, const std::string& program,
                                 const std::string& usage_line) {
  try {
    cfg.parse(argc, argv);
  } catch (const common::ConfigError& e) {
    std::cerr << e.what() << "\n" << usage_line << "\n";
    return 2;
  }
  if (cfg.help_requested()) {
    std::cout << usage_line << "\n\n" << cfg.usage(program);
    return 0;
  }
  common::init_logging(cfg.get("log-level"));
  for (const auto& w : cfg.warnings()) spdlog::warn("{}", w);
  return std::nullopt;
}

}  // namespace peregrine::esutil
