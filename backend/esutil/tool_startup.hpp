// Start-up shared by peregrine-es-index-cleaner and peregrine-es-rollover: parse the command line (flags already
// defined, including log-level), answer --help, set up logging and report configuration warnings.
#pragma once
#include <optional>
#include <string>

#include "backend/common/config.hpp"

namespace peregrine::esutil {

// Returns the exit code when the tool must stop here: 2 after a flag error (message and usage_line on stderr),
// 0 after --help (usage on stdout). Otherwise returns nullopt with logging initialised from log-level.
std::optional<int> start_es_tool(common::Config& cfg, int argc, char** argv, const std::string& program,
                                 const std::string& usage_line);

}  // namespace peregrine::esutil
