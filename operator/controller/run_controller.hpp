// Process entry points of the controller mode, called from operator/cmd/main.cpp:
//   run_controller — `peregrine-operator [run] [flags]`: loads the client configuration, runs a
//                    ControllerManager until SIGINT/SIGTERM (exit 0) or a lost lease (exit 1);
//   print_api_calls — `peregrine-operator api-calls`: prints the JSON list of every API call the operator
//                    declares ({verb, group, resource, subresource}), from which RBAC rules are derived.
#pragma once

namespace peregrine::controller {

// argv[0] is the program name; a leading "run" argument is skipped. Exit codes: 0 clean shutdown, 1 runtime
// failure (no API server, lost lease, unbindable port), 2 bad usage.
int run_controller(int argc, char** argv);

int print_api_calls();

}  // namespace peregrine::controller
