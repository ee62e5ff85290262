// `peregrine-operator generate --cr FILE [--namespace NS]`: renders every Jaeger CR found in FILE (YAML,
// several documents allowed, other kinds skipped) and prints the objects the operator would own as
// multi-document YAML, without talking to a cluster.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "operator/cmd/related_images.hpp"

namespace peregrine::operator_cmd {

// Exit codes: 0 rendered, 1 unreadable file / invalid CR / no CR, 2 bad usage.
int run_generate(const std::vector<std::string>& args, const EnvLookup& env, std::ostream& out, std::ostream& err);

// The usage text of the whole program.
std::string usage_text();

}  // namespace peregrine::operator_cmd
