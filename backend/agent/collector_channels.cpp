// Agent → collector gRPC channels (see collector_channels.hpp).
#include "backend/agent/collector_channels.hpp"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace peregrine::agent {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("reporter grpc: cannot read TLS file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string collector_target(const std::string& host_port) {
  if (host_port.find("://") != std::string::npos) return host_port;
  if (!host_port.empty() && host_port.front() == ':') return "dns:///localhost" + host_port;
  return "dns:///" + host_port;
}

std::vector<std::shared_ptr<grpc::Channel>> make_collector_channels(const CollectorConnectionOptions& options) {
  if (options.host_ports.empty()) throw std::runtime_error("reporter grpc: no collector host:port given");
  std::shared_ptr<grpc::ChannelCredentials> creds = grpc::InsecureChannelCredentials();
  grpc::ChannelArguments args;
  args.SetLoadBalancingPolicyName("round_robin");
  if (options.tls_enabled) {
    grpc::SslCredentialsOptions ssl;
    if (!options.tls_ca_file.empty()) ssl.pem_root_certs = read_file(options.tls_ca_file);
    if (!options.tls_cert_file.empty() && !options.tls_key_file.empty()) {
      ssl.pem_cert_chain = read_file(options.tls_cert_file);
      ssl.pem_private_key = read_file(options.tls_key_file);
    }
    creds = grpc::SslCredentials(ssl);
    if (!options.tls_server_name.empty()) args.SetSslTargetNameOverride(options.tls_server_name);
  }
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (const auto& hp : options.host_ports)
    channels.push_back(grpc::CreateCustomChannel(collector_target(hp), creds, args));
  return channels;
}

}  // namespace peregrine::agent
