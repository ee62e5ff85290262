// A minimal peregrine-operator entry point for the controller's process tests, with the same dispatch the
// real operator/cmd/main.cpp uses for the controller mode: `api-calls` prints the declared API calls, no
// subcommand or `run` runs the controller.
#include <string>

#include "operator/controller/run_controller.hpp"

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "api-calls") return peregrine::controller::print_api_calls();
  return peregrine::controller::run_controller(argc, argv);
}
