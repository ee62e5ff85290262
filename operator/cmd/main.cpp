// peregrine-operator: the Kubernetes operator for Peregrine. `start` (alias `run`) runs the controller, as the
// Jaeger operator's `start`; `generate` renders a CR's objects without a cluster; `api-calls` prints the API calls
// the operator declares (the RBAC rules are checked against it). No subcommand prints the usage and exits 2.
#include <iostream>
#include <string>
#include <vector>

#include "operator/cmd/generate_command.hpp"
#include "operator/cmd/related_images.hpp"
#include "operator/controller/run_controller.hpp"

int main(int argc, char** argv) {
  using namespace peregrine::operator_cmd;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << usage_text();
    return 2;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "start" || command == "run") return peregrine::controller::run_controller(argc - 1, argv + 1);
  if (command == "generate") return run_generate(args, process_environment(), std::cout, std::cerr);
  if (command == "api-calls") return peregrine::controller::print_api_calls();
  if (command == "version" || command == "--version") {
    std::cout << "peregrine-operator " << PEREGRINE_VERSION << "\n";
    return 0;
  }
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << usage_text();
    return 0;
  }
  std::cerr << "peregrine-operator: unknown command \"" << command << "\"\n\n" << usage_text();
  return 2;
}
