// The query servers over TLS, started from Jaeger's flags through QueryRuntime with a PKI made at test time:
// HTTP API over HTTPS (--query.http.tls.*, with and without client certificates), the gRPC API with TLS
// credentials (--query.grpc.tls.*), plain clients refused, and Jaeger's flag rules.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "backend/common/config.hpp"
#include "backend/common/metrics.hpp"
#include "backend/runtime/query_runtime.hpp"
#include "backend/storage/memory/memory_store.hpp"
#include "jaeger/query.grpc.pb.h"
#include "tests/support/https_test_client.hpp"
#include "tests/support/test_certificates.hpp"

namespace peregrine::runtime {
namespace {

using testing::TestCertificates;
using testing::TlsClientSettings;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

struct QueryServers {
  explicit QueryServers(const std::vector<std::string>& extra_flags) {
    define_query_runtime_flags(config);
    std::vector<std::string> flags{"--query.http-server.host-port=127.0.0.1:0",
                                   "--query.grpc-server.host-port=127.0.0.1:0"};
    flags.insert(flags.end(), extra_flags.begin(), extra_flags.end());
    std::vector<const char*> argv{"query"};
    for (const auto& f : flags) argv.push_back(f.c_str());
    config.parse(static_cast<int>(argv.size()), argv.data(), {});
    store = std::make_shared<storage::memory::MemoryStore>();
    model::Span span;
    span.trace_id = model::TraceID{0, 7};
    span.span_id = 1;
    span.operation_name = "op";
    auto process = std::make_shared<model::Process>();
    process->service_name = "tls-query-service";
    span.process = process;
    span.start_time_us = 1'700'000'000'000'000LL;
    span.duration_us = 10;
    store->write_spans({span});
    runtime = std::make_unique<QueryRuntime>(config, store, store, metrics);
    runtime->start();
  }
  ~QueryServers() { runtime->stop(); }
  uint16_t http_port() const { return runtime->ports().at("query_http"); }
  uint16_t grpc_port() const { return runtime->ports().at("query_grpc"); }

  common::Config config;
  common::MetricsRegistry metrics;
  std::shared_ptr<storage::memory::MemoryStore> store;
  std::unique_ptr<QueryRuntime> runtime;
};

std::vector<std::string> tls_flags(const std::string& prefix, const TestCertificates& certs) {
  return {"--" + prefix + ".tls.enabled=true", "--" + prefix + ".tls.cert=" + certs.server_cert_file,
          "--" + prefix + ".tls.key=" + certs.server_key_file};
}

grpc::Status get_services(const std::shared_ptr<grpc::ChannelCredentials>& credentials, uint16_t port,
                          jaeger::api_v2::GetServicesResponse* response) {
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  auto stub = jaeger::api_v2::QueryService::NewStub(
      grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(port), credentials, args));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return stub->GetServices(&context, {}, response);
}

TEST(QueryTls, HttpAndGrpcFromJaegerFlags) {
  TestCertificates certs;
  std::vector<std::string> flags = tls_flags("query.http", certs);
  for (auto& f : tls_flags("query.grpc", certs)) flags.push_back(f);
  QueryServers servers(flags);

  TlsClientSettings client;
  client.ca_file = certs.ca_file;
  auto r = testing::https_request(servers.http_port(), client, "GET", "/api/services");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200u);
  EXPECT_NE(r.body.find("tls-query-service"), std::string::npos) << r.body;
  EXPECT_EQ(testing::plain_exchange(servers.http_port(), "GET /api/services HTTP/1.1\r\nHost: x\r\n\r\n")
                .rfind("HTTP/1.0 400 Bad Request", 0),
            0u);

  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = read_text(certs.ca_file);
  jaeger::api_v2::GetServicesResponse services;
  grpc::Status status = get_services(grpc::SslCredentials(ssl), servers.grpc_port(), &services);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(services.services_size(), 1);
  EXPECT_EQ(services.services(0), "tls-query-service");
  EXPECT_FALSE(get_services(grpc::InsecureChannelCredentials(), servers.grpc_port(), &services).ok());
}

TEST(QueryTls, HttpClientCertificatesWhenClientCaIsSet) {
  TestCertificates certs;
  std::vector<std::string> flags = tls_flags("query.http", certs);
  flags.push_back("--query.http.tls.client-ca=" + certs.ca_file);
  QueryServers servers(flags);
  TlsClientSettings client;
  client.ca_file = certs.ca_file;
  EXPECT_FALSE(testing::https_request(servers.http_port(), client, "GET", "/api/services").ok());
  client.cert_file = certs.client_cert_file;
  client.key_file = certs.client_key_file;
  auto r = testing::https_request(servers.http_port(), client, "GET", "/api/services");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200u);
}

TEST(QueryTls, JaegerFlagRules) {
  EXPECT_THROW(QueryServers({"--query.http.tls.enabled=true"}), common::ConfigError);
  EXPECT_THROW(QueryServers({"--query.grpc.tls.cert=/c.pem"}), common::ConfigError);
  TestCertificates certs;
  std::vector<std::string> missing_file = tls_flags("query.grpc", certs);
  missing_file.push_back("--query.grpc.tls.client-ca=" + certs.dir() + "/missing.pem");
  EXPECT_THROW(QueryServers{missing_file}, std::runtime_error);
}

}  // namespace
}  // namespace peregrine::runtime
