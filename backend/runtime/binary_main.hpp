// run_binary: the shared life cycle of every backend binary's main(): declare flags, parse flags/env/YAML, set up
// logging, build and start the binary's components, serve the admin port (health, metrics, version), write the
// ports file, wait for SIGINT/SIGTERM, then mark unhealthy and stop components in reverse order (draining queues).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "backend/common/config.hpp"
#include "backend/common/metrics.hpp"

namespace peregrine::runtime {

class Component {
 public:
  virtual ~Component() = default;
  virtual void start() = 0;
  // Returns the number of accepted items that could not be completed (0 = clean shutdown).
  virtual size_t stop() = 0;
  virtual std::map<std::string, uint16_t> ports() const = 0;
};

struct BinarySpec {
  std::string name;                // e.g. "peregrine-all-in-one"
  std::string admin_host_port;     // default for --admin.http.host-port
  std::function<void(common::Config&)> define_flags;
  // Builds the components in start order (they are stopped in reverse order).
  std::function<std::vector<std::unique_ptr<Component>>(const common::Config&, common::MetricsRegistry&)> build;
};

// Returns the process exit code: 0 clean, 1 start-up/config error, 2 usage error, 3 unclean shutdown.
int run_binary(int argc, char** argv, const BinarySpec& spec);

}  // namespace peregrine::runtime
