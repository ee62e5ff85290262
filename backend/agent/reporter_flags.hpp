// Flags of the agent's gRPC reporter: --reporter.grpc.host-port (comma list or dns:///host:port),
// --reporter.grpc.retry.max (3), --reporter.grpc.tls.{enabled,ca,cert,key,server-name,skip-host-verify},
// --agent.tags (k=v,k2=${ENV:default}).
#pragma once
#include "backend/agent/collector_channels.hpp"
#include "backend/agent/grpc_reporter.hpp"
#include "backend/common/config.hpp"
#include "backend/model/key_value.hpp"

namespace peregrine::agent {

void define_reporter_flags(common::Config& config);

struct ReporterSettings {
  CollectorConnectionOptions connection;
  GrpcReporterOptions reporter;
  model::KeyValues agent_tags;
};

// Throws common::ConfigError when --reporter.grpc.host-port is empty or a value is invalid.
ReporterSettings reporter_settings_from_config(const common::Config& config);

}  // namespace peregrine::agent
