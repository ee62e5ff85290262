// gRPC channels from the agent to its collectors (--reporter.grpc.host-port). Each comma-separated entry gets
// one channel; "host:port" entries are resolved through gRPC's DNS resolver ("dns:///host:port" may be given
// explicitly) with the round_robin policy, so calls spread over every address a name resolves to, and the
// reporter also rotates across entries. Optional TLS (--reporter.grpc.tls.*).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/channel.h>

namespace peregrine::agent {

struct CollectorConnectionOptions {
  std::vector<std::string> host_ports;
  bool tls_enabled = false;
  std::string tls_ca_file;      // PEM roots; system roots when empty
  std::string tls_cert_file;    // client certificate (mutual TLS) when set with key
  std::string tls_key_file;
  std::string tls_server_name;  // overrides the name checked against the server certificate
};

// "collector:14250" → "dns:///collector:14250"; ":14250" → "dns:///localhost:14250"; URIs with a scheme kept.
std::string collector_target(const std::string& host_port);

// Throws std::runtime_error when no host-port is given or TLS files cannot be read.
std::vector<std::shared_ptr<grpc::Channel>> make_collector_channels(const CollectorConnectionOptions& options);

}  // namespace peregrine::agent
